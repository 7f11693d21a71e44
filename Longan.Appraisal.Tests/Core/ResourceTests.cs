using System.Globalization;
using System.Reflection;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Tests.Core;

public sealed class ResourceTests
{
    public static TheoryData<string> MessageKeys()
    {
        var data = new TheoryData<string>();
        foreach (var member in typeof(Messages).GetMembers(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => m is PropertyInfo || (m is MethodInfo method && !method.IsSpecialName && method.Name is not (nameof(Messages.Get) or nameof(Messages.Format)))))
        {
            data.Add(member.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MessageKeys))]
    public void Messages_EveryMember_HasChineseAndEnglishText(string key)
    {
        var (chinese, english) = InBothCultures(key);

        Assert.NotEqual(key, chinese);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
        Assert.NotEqual(chinese, english);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english);
    }

    public static TheoryData<string> LookedUpKeys()
    {
        var data = new TheoryData<string>();
        foreach (var property in typeof(Longan.Appraisal.Core.Domain.CycleRules).GetProperties())
        {
            data.Add("Rule." + property.Name);
        }
        foreach (var state in Enum.GetValues<Longan.Appraisal.Core.Domain.CycleState>())
        {
            data.Add("CycleState." + state);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LookedUpKeys))]
    public void Messages_KeysLookedUpByName_HaveChineseAndEnglishText(string key)
    {
        var (chinese, english) = InBothCultures(key);

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
        Assert.NotEqual(key, english);
        Assert.NotEqual(chinese, english);
    }

    private static (string Chinese, string English) InBothCultures(string key)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var chinese = Messages.Get(key);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            return (chinese, Messages.Get(key));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
