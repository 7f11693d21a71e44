using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Resources;

namespace Longan.Appraisal.Tests.Web;

/// <summary>Every UI string the components ask for exists in Chinese (the default) and in English.</summary>
public sealed partial class UiStringTests
{
    private static readonly ResourceManager s_resources = new(typeof(SharedResource));

    private static HashSet<string> Keys(string culture) =>
        s_resources.GetResourceSet(new CultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

    public static TheoryData<string> KeysUsedInComponents()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SolutionPaths.WebProject, "Components"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            foreach (Match match in LiteralKey().Matches(File.ReadAllText(file)))
            {
                keys.Add(match.Groups[1].Value);
            }
        }
        foreach (var role in Enum.GetValues<AppRole>())
        {
            keys.Add($"Role.{role}");
            keys.Add($"Role.{role}.Description");
        }
        foreach (var state in Enum.GetValues<CycleState>())
        {
            keys.Add($"CycleState.{state}");
            keys.Add($"Cycle.MoveTo.{state}");
            keys.Add($"Cycle.BackTo.{state}");
            keys.Add($"Cycle.Confirm.{state}");
            keys.Add($"Cycle.StateHelp.{state}");
        }
        foreach (var gender in Enum.GetValues<Gender>())
        {
            keys.Add($"Gender.{gender}");
        }
        foreach (var kind in Enum.GetValues<SupervisorKind>())
        {
            keys.Add($"SupervisorKind.{kind}");
        }
        var data = new TheoryData<string>();
        foreach (var key in keys)
        {
            data.Add(key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KeysUsedInComponents))]
    public void Key_UsedByAComponent_ExistsInChineseAndEnglish(string key)
    {
        Assert.Contains(key, NeutralKeys());
        Assert.Contains(key, Keys("en"));
    }

    [Fact]
    public void EnglishResources_HaveEveryChineseKey()
    {
        var missing = NeutralKeys().Except(Keys("en")).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void ComponentsScan_FindsTheKeys()
    {
        Assert.True(KeysUsedInComponents().Count > 100);
    }

    [Theory]
    [InlineData("Longan.Appraisal.Web/Resources/SharedResource.resx")]
    [InlineData("Longan.Appraisal.Web/Resources/SharedResource.en.resx")]
    [InlineData("Longan.Appraisal.Core/Resources/Messages.resx")]
    [InlineData("Longan.Appraisal.Core/Resources/Messages.en.resx")]
    public void Resources_NameEachKeyOnce(string file)
    {
        // A second entry with the same name is silently ignored: the page would show the first one's text.
        var names = XDocument.Load(Path.Combine(SolutionPaths.Root, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        Assert.Empty(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    private static HashSet<string> NeutralKeys() => Keys(CultureInfo.InvariantCulture.Name);

    [GeneratedRegex("""(?:\bL|Strings)\["([A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
