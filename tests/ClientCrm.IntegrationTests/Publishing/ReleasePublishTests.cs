using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Publishing;

/// <summary>
/// The published app is built as the Dockerfile builds it: from the files the image's build context holds (the props
/// files, .editorconfig and src/ without ClientCrm.Development, which .dockerignore leaves out), restored and published
/// in Release, in a folder of its own so the checkout's obj/ folders are not touched. The tests themselves run a Debug
/// build, which does carry the development project; only this build shows what ships.
/// </summary>
[LongRunning(47)]
public sealed class ReleasePublishTests(ReleasePublish release) : IClassFixture<ReleasePublish>
{
    [Fact]
    public void The_published_app_carries_neither_the_development_project_nor_Bogus()
    {
        var files = Directory.GetFiles(release.PublishDirectory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("ClientCrm.Web.dll", files);
        Assert.DoesNotContain(files, f => f!.Contains("Bogus", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => f!.Contains("ClientCrm.Development", StringComparison.OrdinalIgnoreCase));

        var deps = File.ReadAllText(Path.Combine(release.PublishDirectory, "ClientCrm.Web.deps.json"));
        Assert.DoesNotContain("Bogus", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ClientCrm.Development", deps, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_published_assembly_of_the_app_references_or_holds_the_local_cluster_code()
    {
        var assemblies = Directory.GetFiles(release.PublishDirectory, "ClientCrm.*.dll");
        Assert.Equal(["ClientCrm.Domain.dll", "ClientCrm.Infrastructure.dll", "ClientCrm.Web.dll"],
            assemblies.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var path in assemblies)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var metadata = pe.GetMetadataReader();
            var name = Path.GetFileName(path);

            var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();
            Assert.DoesNotContain(references, r => r is "Bogus" or "ClientCrm.Development");

            var types = metadata.TypeDefinitions.Select(t => metadata.GetTypeDefinition(t))
                .Select(t => (Namespace: metadata.GetString(t.Namespace), Name: metadata.GetString(t.Name))).ToList();
            Assert.DoesNotContain(types, t => t.Namespace.StartsWith("ClientCrm.Development", StringComparison.Ordinal) ||
                                             t.Name is "LocalPostgres" or "PostgresProcessRunner" or "PostgresBinaries" or "DemoData" or "DemoCooperation");

            // Every string literal in the assembly's code: none starts a process as another OS user.
            for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
            {
                var literal = metadata.GetUserString(handle);
                Assert.False(literal.Contains("runuser", StringComparison.Ordinal), $"{name} holds the literal \"{literal}\"");
            }
        }
    }
}

/// <summary>The Release publish both tests read, made once.</summary>
public sealed class ReleasePublish : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "clientcrm-publish-" + Guid.NewGuid().ToString("N")[..8]);

    public string PublishDirectory => Path.Combine(_root, "publish");

    public async Task InitializeAsync()
    {
        var repository = FindRepository();
        Directory.CreateDirectory(_root);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(_root, file));
        }

        CopySources(Path.Combine(repository, "src"), Path.Combine(_root, "src"));
        const string project = "src/ClientCrm.Web/ClientCrm.Web.csproj";
        await DotnetAsync("restore", project, "-p:Configuration=Release");
        // Analyzers do not change the output, and cost a third of the publish's CPU (102 s against 73 s): the tests' own build
        // runs them on the same sources.
        await DotnetAsync("publish", project, "-c", "Release", "-o", PublishDirectory, "--no-restore", "-p:UseAppHost=false",
            "-p:RunAnalyzers=false");
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClientCrm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No ClientCrm.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>src/ as the image's build context has it: no build output, no local data, no development project.</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            if (Path.GetFileName(dir) is not ("bin" or "obj" or ".data" or "logs" or "ClientCrm.Development"))
            {
                CopySources(dir, Path.Combine(to, Path.GetFileName(dir)));
            }
        }
    }

    private async Task DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Append("--disable-build-servers"))
        {
            start.ArgumentList.Add(argument);
        }

        // The test host inherits MSBuild's settings from `dotnet test`; this build is a separate one.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        // The compiler's thread pool does not spin while it waits: the tests beside it need the cores (tests/Directory.Build.props).
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran longer than {CommandTimeout}:\n{Tail(output)}");
        }

        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{Tail(output)}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 6000 ? text : text[^6000..];
        }
    }
}
