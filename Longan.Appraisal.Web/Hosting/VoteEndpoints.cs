using Longan.Appraisal.Core.Features.Ballots;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>The one plain endpoint of phone voting: a code typed on <c>/v</c> leads to its ballot.</summary>
public static class VoteEndpoints
{
    public static void MapVoteEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/v/go", (string? code) =>
            Results.Redirect(BallotCodes.Canonical(code) is { } canonical ? $"/v/{BallotCodes.Display(canonical)}" : $"/v/{Uri.EscapeDataString(code ?? "")}"))
            .AllowAnonymous();
}
