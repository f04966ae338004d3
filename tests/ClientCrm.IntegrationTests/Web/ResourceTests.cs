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

    /// <summary>
    /// /Admin/Outbox names each pending delivery's event and handler in the reader's language: every handler in the app,
    /// and every event some handler takes, has its name in the Chinese file (which ResourceTests above keeps in step
    /// with the English one).
    /// </summary>
    [Fact]
    public void Every_outbox_handler_and_each_event_it_handles_has_a_name_for_the_admin_page()
    {
        var zh = Load(Path.Combine(RepositoryRoot(), "src", "ClientCrm.Web", "Resources", "SharedResource.resx"));
        var handlers = typeof(ClientCrm.Infrastructure.Outbox.IDomainEventHandler<>).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(IsHandlerInterface))
            .ToList();
        var events = handlers.SelectMany(h => h.GetInterfaces().Where(IsHandlerInterface).Select(i => i.GetGenericArguments()[0])).Distinct();

        Assert.Contains(handlers, h => h.Name == "WarningStepNotices");
        var missing = handlers.Select(h => "Outbox.Handler." + h.Name).Concat(events.Select(e => "Outbox.Event." + e.Name))
            .Where(key => !zh.ContainsKey(key)).ToList();
        Assert.Equal([], missing);

        static bool IsHandlerInterface(Type i) =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ClientCrm.Infrastructure.Outbox.IDomainEventHandler<>);
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
