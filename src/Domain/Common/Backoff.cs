namespace Transcendence.Domain.Common;

/// <summary>
/// Exponential backoff after repeated failures: the first <c>free</c> failures cost nothing, then each
/// further one makes the next try wait twice as long as the one before (<c>first</c>, 2 × <c>first</c>,
/// 4 × …), never longer than <c>max</c>.
/// </summary>
public static class Backoff
{
    public static TimeSpan After(int failures, int free, TimeSpan first, TimeSpan max)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        // 2^20 minutes is two years: past that the cap has long applied, and the shift cannot overflow.
        var doublings = Math.Min(failures - free, 20);
        var wait = first * (1L << doublings);
        return wait > max ? max : wait;
    }
}
