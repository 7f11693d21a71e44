using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Persistence.Seeding;

/// <summary>
/// The demo county: Longan's ten real townships (spec §1), six villages each, one assistant per
/// village and two or three supervisors per village. Everything is derived from fixed lists, so
/// the same data comes out every time.
/// </summary>
internal static class DemoCounty
{
    public const string DemoPassword = "Longan2026!";

    /// <summary>Townships in the county's official order, each with a login prefix and six villages.</summary>
    public static readonly (string Name, string Pinyin, string[] Villages)[] Townships =
    [
        ("城厢镇", "chengxiang", ["宝塔村", "敬团村", "东信村", "震东村", "朝阳村", "龙江村"]),
        ("南圩镇", "nanxu", ["南圩村", "渌龙村", "雅梨村", "三联村", "丰收村", "仁德村"]),
        ("雁江镇", "yanjiang", ["雁江村", "那区村", "定典村", "联江村", "新江村", "渌马村"]),
        ("那桐镇", "natong", ["那桐村", "浪湾村", "定江村", "大滕村", "上邓村", "龙床村"]),
        ("乔建镇", "qiaojian", ["乔建村", "博浪村", "兴隆村", "鹭鸶村", "新安村", "儒浩村"]),
        ("丁当镇", "dingdang", ["丁当村", "俭安村", "群力村", "伏马村", "紫湖村", "新兴村"]),
        ("古潭乡", "gutan", ["古潭村", "九和村", "定福村", "那门村", "乔苗村", "渌应村"]),
        ("都结乡", "dujie", ["都结村", "荣朋村", "那料村", "岜白村", "达龙村", "陇均村"]),
        ("布泉乡", "buquan", ["布泉村", "高峰村", "兴隆村", "龙西村", "弄汤村", "红光村"]),
        ("屏山乡", "pingshan", ["屏山村", "龙虎村", "雅外村", "仁良村", "内江村", "梅林村"]),
    ];

    private static readonly string[] s_surnames = ["黄", "陆", "韦", "农", "李", "梁", "覃", "蒙", "周", "潘", "罗", "莫", "何", "谢", "卢", "赵", "马", "苏", "凌", "廖"];
    private static readonly string[] s_givenNames = ["志强", "秀珍", "海燕", "明辉", "丽华", "建军", "春梅", "文聪", "晓东", "美玲", "国庆", "婷婷", "振宇", "雪莲", "俊杰", "桂兰", "少华", "思颖", "永福", "金凤", "家豪", "小燕", "德胜"];
    private static readonly string[] s_elderGivenNames = ["德才", "光明", "秀英", "汉良", "玉兰", "福生", "桂芳", "树林", "宝山", "凤英", "忠厚", "月娥", "永年"];
    private static readonly string[] s_ethnicities = ["壮族", "壮族", "汉族", "壮族", "瑶族", "壮族", "汉族"];
    private static readonly string[] s_education = ["大学本科", "大专", "大学本科", "研究生", "大学本科"];
    private static readonly string[] s_posts = ["党政办干事", "农业服务中心科员", "司法所科员", "社会事务办科员", "经济发展办科员", "纪委干事"];
    private static readonly SupervisorKind[] s_kinds = Enum.GetValues<SupervisorKind>();

    /// <summary>The township whose demo committee, supervisor and assistant logins the README lists.</summary>
    public const string FeaturedTownship = "那桐镇";
    public const string FeaturedVillage = "浪湾村";

    public static string AssistantCode(int index) => $"LA{index + 1:0000}";

    /// <summary>The assistant posted to the index-th village of the county (0-based, in township order).</summary>
    public static Assistant Assistant(int index, string township)
    {
        // 翟珊妹 keeps a name with rare characters in every demo, for fonts and exports.
        var name = index == 7 ? "翟珊妹" : s_surnames[index * 7 % s_surnames.Length] + s_givenNames[index * 5 % s_givenNames.Length];
        var female = name.EndsWith('妹') || name.EndsWith("珍", StringComparison.Ordinal) || name.EndsWith("燕", StringComparison.Ordinal)
            || name.EndsWith("华", StringComparison.Ordinal) || name.EndsWith("梅", StringComparison.Ordinal) || name.EndsWith("玲", StringComparison.Ordinal)
            || name.EndsWith("婷", StringComparison.Ordinal) || name.EndsWith("莲", StringComparison.Ordinal) || name.EndsWith("兰", StringComparison.Ordinal)
            || name.EndsWith("颖", StringComparison.Ordinal) || name.EndsWith("凤", StringComparison.Ordinal);
        return new Assistant
        {
            Code = AssistantCode(index),
            Name = name,
            Gender = female ? Gender.Female : Gender.Male,
            Ethnicity = s_ethnicities[index % s_ethnicities.Length],
            BirthDate = new DateOnly(1988 + index % 12, 1 + index % 12, 1 + index * 3 % 28),
            PoliticalStatus = index % 9 == 4 ? "中共预备党员" : "中共党员",
            Education = s_education[index % s_education.Length],
            SendingUnitAndPost = township + "人民政府" + s_posts[index % s_posts.Length],
            Phone = $"138{7710000 + index * 137:0000000}",
        };
    }

    /// <summary>Two or three supervisors for the index-th village.</summary>
    public static IEnumerable<(string Name, SupervisorKind Kind)> Supervisors(int villageIndex)
    {
        var count = villageIndex % 3 == 0 ? 3 : 2;
        for (var i = 0; i < count; i++)
        {
            var n = villageIndex * 3 + i;
            yield return (s_surnames[(n * 11 + 3) % s_surnames.Length] + s_elderGivenNames[n % s_elderGivenNames.Length], s_kinds[n % s_kinds.Length]);
        }
    }

    /// <summary>Terms began in March 2025 in most villages, March 2026 in every third one.</summary>
    public static DateOnly TermStart(int index) => index % 3 == 2 ? new DateOnly(2026, 3, 1) : new DateOnly(2025, 3, 1);
}
