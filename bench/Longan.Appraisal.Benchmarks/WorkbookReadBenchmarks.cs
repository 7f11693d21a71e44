using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ClosedXML.Excel;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// Reading the largest 评议数据.xlsx the limits allow — 199 999 ballots of 党组织评议 under a header,
/// a different comment on every row (11 MB; its sheet unpacks to 54 MB, its shared strings to
/// 17 MB) — by the portal's streaming reader, every cell read as an import reads it, against
/// ClosedXML loading the same bytes (what imports did before).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class WorkbookReadBenchmarks
{
    private static readonly string[] s_headers = ["助理员编号", "票号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "意见建议"];
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup() => _file = LargeBallotWorkbook.PartyBallots(LargeBallotWorkbook.LargestRows,
        [.. Enumerable.Range(1, 15_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"SYN{i:000000}"))]);

    /// <summary>Opens the file and reads every row's eight values; the number of rows.</summary>
    [Benchmark]
    public int PortalReader()
    {
        using var file = WorkbookFile.Open(_file, "评议数据.xlsx");
        var errors = new List<ImportError>();
        var table = SheetTable.Open(file.Sheet("党组织评议")!, s_headers[..7], s_headers[7..], errors) ?? throw new InvalidOperationException();
        var rows = 0;
        foreach (var row in table.Rows())
        {
            row.Code(s_headers[0], 32, required: true);
            row.Code(s_headers[1], 64, required: false);
            for (var i = 2; i < 7; i++)
            {
                row.Decimal(s_headers[i]);
            }
            row.Text(s_headers[7], 500, multiline: true);
            rows++;
        }
        return errors.Count == 0 ? rows : throw new InvalidOperationException(errors[0].Reason);
    }

    [Benchmark(Baseline = true)]
    public int ClosedXmlLoad()
    {
        using var workbook = new XLWorkbook(new MemoryStream(_file));
        return workbook.Worksheet("党组织评议").LastRowUsed().RowNumber() - 1;
    }
}
