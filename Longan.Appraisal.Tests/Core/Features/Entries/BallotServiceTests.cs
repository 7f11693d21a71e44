using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

public sealed class BallotServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private PartyBallotService Party => _county.Get<PartyBallotService>();
    private CadreBallotService Cadres => _county.Get<CadreBallotService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    private static PartyBallotInput Ballot(decimal a = 18, decimal b = 18.5m, decimal c = 19, decimal d = 18, decimal e = 18.5m, string? ticket = null) =>
        new() { PolicyAdvocate = a, PublicOpinion = b, CivilAgent = c, DisputeMediator = d, PartyBuildingGuide = e, TicketNo = ticket };

    [Fact]
    public async Task AddParty_ValidBallot_KeepsTheFiveScoresAndTotal()
    {
        await Party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Ballot(ticket: "001"));

        var row = Assert.Single(await Party.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant));
        Assert.Equal((92m, "001"), (row.Total, row.TicketNo));
    }

    [Theory]
    [InlineData(20.5, "“政策宣讲员”须在 0 至 20 分之间，最多一位小数。")]
    [InlineData(12.25, "“政策宣讲员”须在 0 至 20 分之间，最多一位小数。")]
    [InlineData(-1, "“政策宣讲员”须在 0 至 20 分之间，最多一位小数。")]
    public async Task AddParty_ScoreOutOfRangeOrTooPrecise_Refused(decimal score, string message)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Ballot(a: score)));

        Assert.Equal((nameof(PartyBallotInput.PolicyAdvocate), message), (ex.Errors.Single().Field, ex.Errors.Single().Message));
    }

    [Fact]
    public async Task AddParty_MissingScores_EachNamed()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new PartyBallotInput()));

        Assert.Equal(5, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Message == "请填写“党建指导员”。");
    }

    [Fact]
    public async Task AddParty_RepeatedTicketForTheSameAssistant_Refused()
    {
        await Party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Ballot(ticket: "007"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Ballot(ticket: "007")));

        Assert.Equal("票号“007”已录入过，同一助理员的票号不能重复。", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task AddCadre_StackOfBallots_AllKeptWithoutEvaluator()
    {
        foreach (var grade in new[] { CadreGrade.Excellent, CadreGrade.Excellent, CadreGrade.Competent, CadreGrade.BasicallyCompetent })
        {
            await Cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = grade });
        }

        // Newest first: the stack mode shows the ballot just typed on top.
        var rows = await Cadres.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant);
        Assert.Equal([CadreGrade.BasicallyCompetent, CadreGrade.Competent, CadreGrade.Excellent, CadreGrade.Excellent], rows.Select(r => r.Grade));
        // A supervisor neither enters nor sees party-member cadres' ballots (spec §1).
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cadres.ListAllAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant));
        Assert.DoesNotContain(typeof(CadreBallot).GetProperties(), p => p.Name.Contains("User", StringComparison.Ordinal) || p.Name.Contains("Evaluator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCadre_WithoutGrade_Refused()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput()));

        Assert.Equal("请填写“等次”。", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Ballots_OtherTownship_Refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Party.AddAsync(_county.Chengxiang, _county.CycleId, _county.LangwanAssistant, Ballot()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cadres.AddAsync(_county.Chengxiang, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent }));
    }

    [Fact]
    public async Task UpdateParty_StaleVersion_Conflict()
    {
        var id = await Party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Ballot());
        await Party.UpdateAsync(_county.County, id, 1, Ballot(a: 10));

        await Assert.ThrowsAsync<ConflictException>(() => Party.UpdateAsync(_county.Natong, id, 1, Ballot(a: 11)));
        await Assert.ThrowsAsync<ConflictException>(() => Party.DeleteAsync(_county.Natong, id, 1));
    }
}
