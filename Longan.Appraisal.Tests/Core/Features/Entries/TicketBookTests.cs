using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Entries;

public sealed class TicketBookTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public async Task Claim_ANumberPerAssistantAndGroup_TakenWhenStoredOrClaimedEarlierInTheBatch()
    {
        await _county.Get<CadreBallotService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = "C05" });
        await using var db = await _county.Db.OpenAsync();

        var book = await TicketBook.ForCycleAsync(db, _county.CycleId, replacedImport: null, CancellationToken.None);

        Assert.Equal("票号“C05”已录入过，同一助理员的票号不能重复。", book.Claim(EntryKind.CadreBallot, _county.LangwanAssistant, "c05"));
        Assert.Null(book.Claim(EntryKind.PartyBallot, _county.LangwanAssistant, "C05"));
        Assert.Null(book.Claim(EntryKind.CadreBallot, _county.BaotaAssistant, "C05"));
        Assert.Equal("与文件中前面的行重复。", book.Claim(EntryKind.PartyBallot, _county.LangwanAssistant, "Ｃ05 "));
        Assert.Null(book.Claim(EntryKind.PartyBallot, _county.LangwanAssistant, null));
        Assert.Null(book.Claim(EntryKind.PartyBallot, _county.LangwanAssistant, " "));
    }
}
