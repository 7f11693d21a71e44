namespace Longan.Appraisal.Core.Features.Imports;

/// <summary>What a 评议数据 workbook holds (when checked) or brought in (when imported).</summary>
public sealed record ImportSummary(int ImportId, int Tallies, int Comments, int PartyBallots, int CadreBallots, int Records, int AttendanceMonths, bool Replaced)
{
    public int Rows => Tallies + Comments + PartyBallots + CadreBallots + Records + AttendanceMonths;
}
