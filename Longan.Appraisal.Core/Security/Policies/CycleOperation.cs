namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What may be done with an appraisal cycle (考核年度, spec §2).</summary>
public enum CycleOperation
{
    /// <summary>Know which cycles exist and their state (every signed-in role).</summary>
    Read,
    Create,
    EditRules,
    /// <summary>Remove a draft made by mistake.</summary>
    Delete,
    /// <summary>Move it on or back (open collection, close it for review, publish, reopen).</summary>
    Move,
    /// <summary>Switch "renormalise missing groups" after the rules froze (spec §5).</summary>
    SwitchRenormalise,
    Compute,
    /// <summary>Import a 评议数据 workbook (its rows are checked one by one with <see cref="EntryPolicy"/>).</summary>
    Import,
    /// <summary>See collection progress: 组织部 the county, a township its own.</summary>
    ViewProgress,
    /// <summary>Download the collected data as workbooks (评议原始数据, 五老监督记录, 驻村考勤).</summary>
    ExportCollectedData,
}
