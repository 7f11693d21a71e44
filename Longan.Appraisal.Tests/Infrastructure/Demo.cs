namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>The demo county's logins and places the tests use (README lists the same).</summary>
public static class Demo
{
    public const string Password = "Longan2026!";
    public const string County = "zzb.admin";
    public const string Natong = "natong.dw";
    public const string Chengxiang = "chengxiang.dw";
    public const string Supervisor = "langwan.wl";
    public const string Assistant = "langwan.zl";
    public const string NatongTownship = "那桐镇";
    public const string LangwanVillage = "浪湾村";
    public const string ChengxiangTownship = "城厢镇";
    public const string BaotaVillage = "宝塔村";
}
