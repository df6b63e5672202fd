using Transcendence.Proxy;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection(ProxyDestinations.AsReverseProxyConfiguration(builder.Configuration));
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(context => ServedByHeader.AddTo(context, builder.Configuration));

var app = builder.Build();
app.MapReverseProxy();
app.Run();
