using Longan.Appraisal.Core.Features.Ballots;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>
/// Counts phone-ballot sessions whose window has ended, every half minute: their votes become
/// entries without anyone closing them by hand (compute and leaving collection count them too).
/// </summary>
public sealed class BallotSessionCounter(BallotSessionService sessions, ILogger<BallotSessionCounter> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                var counted = await sessions.CountDueAsync(stoppingToken);
                if (counted > 0)
                {
                    logger.LogInformation("Counted {Sessions} ballot session(s) whose voting window ended", counted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Counting ended ballot sessions failed; trying again in {Seconds} s", Every.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
