namespace Transcendence.LoadGenerator.Scenarios.Chat;

/// <summary>
/// The only field of <c>MessageReceived</c> the generator reads. Deserializing just this keeps the
/// client's CPU (which shares the cores with the server) as low as the protocol allows.
/// </summary>
public sealed record MessageText(string Text);
