using System.Xml.Linq;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>Every UI string exists in both languages (tools/i18n.py keeps the two files in step).</summary>
public sealed class ResourceTests
{
    [Fact]
    public void Chinese_and_English_resources_have_the_same_keys_and_no_empty_text()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "ClientCrm.Web", "Resources");
        var zh = Load(Path.Combine(folder, "SharedResource.resx"));
        var en = Load(Path.Combine(folder, "SharedResource.en.resx"));

        Assert.True(zh.Count > 100, $"only {zh.Count} Chinese strings were read");
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Concat(en).Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    private static Dictionary<string, string> Load(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClientCrm.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ClientCrm.sln not found above " + AppContext.BaseDirectory);
    }
}
