using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClientCrm.Benchmarks;

/// <summary>
/// <c>--pages</c>: the web pages under load. Generates the company (with principals, encrypted contact fields and an
/// audit log), runs the warning engine and a regrade so warnings, notifications and proposals exist, builds and starts
/// the app in Release against the data, signs in as staff, head and leader, and drives every page of
/// <see cref="PageCatalog"/> with wrk at each connection count. Prints the table and the budget checks, writes them
/// as JSON and Markdown under BenchmarkDotNet.Artifacts/pages/ and, with <c>--write-docs</c>, into docs/performance.md.
/// Returns 0 when every budget holds, 2 when one fails.
/// </summary>
public static class PageBenchmark
{
    public const string DocsBegin = "<!-- page-benchmark:begin -->";
    public const string DocsEnd = "<!-- page-benchmark:end -->";
    private const int WarmUpSeconds = 3;

    /// <summary>The oldest cookie a run starts with: the app checks the security stamp, and renews the cookie, once a minute.</summary>
    private static readonly TimeSpan CookieAge = TimeSpan.FromSeconds(50);

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var cancel = new CancellationTokenSource();
        var output = Console.Out;
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // Let the finally blocks stop the app and the cluster (the app and wrk get the Ctrl+C themselves too).
            e.Cancel = true;
            output.WriteLine("Stopping (Ctrl+C)…");
            cancel.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return await RunCoreAsync(options, output, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            output.WriteLine("Stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or HttpRequestException
                                       or Npgsql.NpgsqlException or ArgumentException)
        {
            output.WriteLine("Page benchmark failed: " + ex.Message);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static async Task<int> RunCoreAsync(BenchmarkOptions options, TextWriter output, CancellationToken ct)
    {
        if (options.FromJson is { } earlier)
        {
            return await ReportAgainAsync(earlier, options, output, ct);
        }

        var started = DateTimeOffset.UtcNow;
        var repo = AppUnderTest.FindRepositoryRoot();
        var appDir = Path.GetFullPath(options.AppDir ?? repo);
        var compare = options.Compare is null ? null : PageRunReport.Load(options.Compare);
        Regex? only = options.Only is null ? null : new Regex(options.Only, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var work = Path.Combine(Path.GetTempPath(), "clientcrm-pages-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        var loadAtStart = QuickRegrade.LoadAverage();
        output.WriteLine(QuickRegrade.Machine());
        output.WriteLine("Load average at start: " + loadAtStart);
        output.WriteLine($"Logs and the wrk script in {work}");

        // The build first: a checkout that does not build should fail before minutes of generating.
        await AppUnderTest.BuildAsync(appDir, Path.Combine(work, "build.log"), output, ct);
        // What was built: read now, so an edit made while the run goes on is not reported as part of the app measured.
        var appCommit = await AppCommitAsync(appDir, ct);

        var generation = Stopwatch.StartNew();
        var data = options.Reuse is { } folder
            ? await BenchmarkData.ReuseAsync(options, folder, output, ct)
            : await BenchmarkData.CreateAsync(options with { Pages = true }, output, ct);
        var keep = false;
        try
        {
            double? generationSeconds = null;
            if (!data.Reused)
            {
                await PrepareAsync(data, output, ct);
                generationSeconds = generation.Elapsed.TotalSeconds;
                output.WriteLine(Invariant($"Generation (load, grades, warning run, regrade, VACUUM ANALYZE): {generationSeconds:0.0} s"));
            }

            var ids = await PageIds.FindAsync(data, ct);
            output.WriteLine("Pages are loaded with: " + ids);
            var sizes = await DataSizesAsync(data, ct);
            output.WriteLine("Data: " + string.Join(", ", sizes.Select(s => Invariant($"{s.Key} {s.Value:N0}"))));

            var app = await AppUnderTest.StartAsync(appDir, data.ConnectionString, data.Keys, Path.Combine(work, "app.log"), output, ct, options.AppEnvironment);
            try
            {
                var measured = await MeasureAsync(app, data, ids, options, only, output, ct);
                var report = new PageRunReport
                {
                    Rows = measured.Rows,
                    AppPeakRssMb = measured.PeakRssMb,
                    AppHwmMb = measured.HwmMb,
                    DurationSeconds = options.DurationSeconds,
                    WarmUpSeconds = options.WarmUpSeconds,
                    Connections = options.Connections,
                    PageIds = ids.ToString(),
                    StartedAt = started,
                    Command = CommandLine(options),
                    Machine = QuickRegrade.Machine(),
                    PostgreSql = data.ServerVersion,
                    DotNet = RuntimeInformation.FrameworkDescription,
                    AppDirectory = appDir,
                    AppCommit = appCommit,
                    DataSizes = sizes,
                    GenerationSeconds = generationSeconds,
                    LoadAverageAtStart = loadAtStart,
                    ComparedWith = options.Compare,
                };
                report = report with { Budgets = PageBudgets.Check(report, compare) };

                output.WriteLine();
                output.WriteLine(report.Table(markdown: false));
                output.WriteLine(report.BudgetList(markdown: false));
                var files = await WriteResultsAsync(report, repo, ct);
                output.WriteLine("Results: " + string.Join(", ", files));
                if (options.WriteDocs)
                {
                    var docs = Path.Combine(repo, "docs", "performance.md");
                    await WriteDocsAsync(docs, Summary(report), ct);
                    output.WriteLine("Updated " + docs);
                }

                output.WriteLine(Invariant($"App log: {app.LogFile} ({new FileInfo(app.LogFile).Length / 1048576.0:0} MB)"));
                if (options.Keep)
                {
                    keep = true;
                    app.Detach();
                    output.WriteLine(Invariant($"App left running (pid {app.Pid}) on {app.BaseAddress}; stop it with: kill {app.Pid}"));
                    // The app requires HTTPS behind its proxy: without the forwarded scheme a page fails on the antiforgery cookie.
                    output.WriteLine("Cookies to send (header Cookie: …), with the header the proxy would add, e.g. curl -H \"" + PageClient.ForwardedProtoHeader
                        + ": https\" -H \"Cookie: …\" " + app.BaseAddress + "Clients");
                    output.WriteLine("The app keeps running its scheduled jobs (warning run, regrade) on the data; stop it before measuring again.");
                    foreach (var (role, jar) in measured.Cookies)
                    {
                        output.WriteLine($"  {role}: {jar}");
                    }
                }

                return report.Budgets.Any(b => b.Result == BudgetCheck.Fail) ? 2 : 0;
            }
            finally
            {
                if (!keep)
                {
                    await app.DisposeAsync();
                }
            }
        }
        finally
        {
            // --keep keeps the cluster after a failure too: an hour of generating at 1,000,000 clients is not thrown away
            // for a step that failed after it (--reuse it).
            if (keep || options.Keep)
            {
                output.WriteLine(data.Detach());
            }
            else
            {
                await data.DisposeAsync();
            }
        }
    }

    /// <summary><c>--from-json</c>: an earlier run's rows, with today's budget checks, printed and (--write-docs) documented.</summary>
    private static async Task<int> ReportAgainAsync(string path, BenchmarkOptions options, TextWriter output, CancellationToken ct)
    {
        var compare = options.Compare is null ? null : PageRunReport.Load(options.Compare);
        var report = PageRunReport.Load(path) with { ComparedWith = options.Compare };
        report = report with { Budgets = PageBudgets.Check(report, compare) };
        output.WriteLine(report.Table(markdown: false));
        output.WriteLine(report.BudgetList(markdown: false));
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".md"), "# Page benchmark" + Environment.NewLine + Environment.NewLine + Summary(report), ct);
        if (options.WriteDocs)
        {
            var docs = Path.Combine(AppUnderTest.FindRepositoryRoot(), "docs", "performance.md");
            await WriteDocsAsync(docs, Summary(report), ct);
            output.WriteLine("Updated " + docs);
        }

        return report.Budgets.Any(b => b.Result == BudgetCheck.Fail) ? 2 : 0;
    }

    /// <summary>As the warning benchmark does: the grades leaders confirmed, one warning run, one regrade; then statistics.</summary>
    private static async Task PrepareAsync(BenchmarkData data, TextWriter output, CancellationToken ct)
    {
        var step = Stopwatch.StartNew();
        output.WriteLine("Grades: " + await data.UseWarningGradesAsync(ct));
        output.WriteLine(Invariant($"Contact due days of {await data.RescheduleContactsAsync(ct):N0} regraded clients in {step.Elapsed.TotalSeconds:0.0} s"));
        var warnings = await data.RunWarningsAsync(ct);
        output.WriteLine(Invariant($"Warning run: {warnings.Raised:N0} raised in {step.Elapsed.TotalSeconds:0.0} s ({await data.DescribeWarningsAsync(ct)})"));
        step.Restart();
        var regrade = await data.RegradeAsync(ct);
        output.WriteLine(Invariant($"Regrade: {regrade.ClientsAssessed:N0} assessed, {regrade.ChangesProposed:N0} proposed in {step.Elapsed.TotalSeconds:0.0} s ({await data.DescribeRunAsync(regrade.Id, ct)})"));
        step.Restart();
        output.WriteLine(Invariant($"Evaluations: {await data.EnsureEvaluationsAsync(ct):N0} rows"));
        // The generated past was handled when it happened (what the handlers write, the generator writes itself). Left
        // pending, the events of the warning run kept the app's outbox dispatcher busy for the first 12 minutes of a run at
        // 100,000 clients (76,349 warnings), during the warm-up, and would outlast a run at a million.
        await data.ExecuteAsync(["""UPDATE "OutboxDeliveries" SET "ProcessedAt" = now() WHERE "ProcessedAt" IS NULL""", "VACUUM ANALYZE"], ct);
        output.WriteLine(Invariant($"VACUUM ANALYZE in {step.Elapsed.TotalSeconds:0.0} s"));
    }

    private static async Task<Measurement> MeasureAsync(AppUnderTest app, BenchmarkData data, PageIds ids, BenchmarkOptions options, Regex? only,
        TextWriter output, CancellationToken ct)
    {
        using var client = new PageClient(app.BaseAddress);
        var jars = new Dictionary<PageRole, CookieJar>();
        var signedInAt = new Dictionary<PageRole, DateTimeOffset>();
        foreach (var role in new[] { PageRole.Staff, PageRole.Head, PageRole.Leader, PageRole.Admin })
        {
            if (ids.UserFor(role).Length == 0)
            {
                // Data kept from before the admin user (--reuse): fine while no admin page is measured.
                output.WriteLine($"No {role} user in the data: its pages cannot be measured");
                continue;
            }

            jars[role] = await client.SignInAsync(ids.UserFor(role), BenchmarkDataGenerator.BenchPassword, ct);
            signedInAt[role] = DateTimeOffset.UtcNow;
            output.WriteLine($"Signed in as {ids.UserFor(role)} ({role}): GET / is 200 and not the sign-in page");
        }

        // The sign-in page is always measured: every other page's req/s is compared with it.
        bool Measured(PageSpec page) => page.Budget == PageBudget.SignIn || only is null || only.IsMatch(page.Name);
        var pages = PageCatalog.All.Where(p => options.WarmAll || Measured(p)).ToList();
        var context = new PageContext(ids, client, jars);
        var urls = new List<(PageSpec Page, string Url)>();
        foreach (var page in pages)
        {
            var url = await page.Url(context, ct);
            var jar = page.Role == PageRole.Anonymous ? null
                : jars.TryGetValue(page.Role, out var signedIn) ? signedIn
                : throw new InvalidOperationException($"{page.Name} needs a {page.Role} user, and the data has none: generate it again (without --reuse).");
            var check = Stopwatch.StartNew();
            var response = await client.GetAsync(url, jar, ct);
            if (response.Status != System.Net.HttpStatusCode.OK || (page.Budget != PageBudget.SignIn && PageClient.IsSignInPage(response.Body)))
            {
                throw new InvalidOperationException(
                    $"{page.Name} ({page.Role}): GET {url} answered {(int)response.Status}{(response.Location is null ? "" : " → " + response.Location)}"
                    + (response.Location?.Contains(PageClient.SignInPath, StringComparison.OrdinalIgnoreCase) == true ? " (the sign-in page: the cookie is wrong)" : "")
                    + ". Fix the page or the URL before measuring. App log: " + app.LogFile);
            }

            output.WriteLine(Invariant($"  {page.Name} ({page.Role}) → {url}: 200, {response.Body.Length / 1024.0:0} kB, first fetch {check.Elapsed.TotalMilliseconds:0} ms"));
            urls.Add((page, url));
        }

        var wrk = new WrkRunner(Path.GetDirectoryName(app.LogFile)!);
        var rows = new List<PageRow>();
        double peakRss = 0;
        var total = Stopwatch.StartNew();
        var measured = urls.Where(u => Measured(u.Page)).ToList();
        output.WriteLine(Invariant($"Driving {measured.Count} pages at {string.Join(", ", options.Connections)} connections, {options.DurationSeconds} s each (wrk script {wrk.ScriptPath})"));
        // A server runs for days: the figures are of JIT-compiled, tiered-up code. Every page first runs for a while, so the
        // code paths pages share are warm before the first measured run, whichever page comes first.
        output.WriteLine(Invariant($"Warming up: {(urls.Count > measured.Count ? $"all {urls.Count} pages (--warm-all)" : "every page")} {options.WarmUpSeconds} s at {options.Connections[0]} connections"));
        foreach (var (page, url) in urls)
        {
            await wrk.RunAsync(new Uri(app.BaseAddress, url), await CookieAsync(page.Role), options.Connections[0], options.WarmUpSeconds, ct);
        }

        await WaitIdleAsync(app, data, output, ct);
        foreach (var (page, url) in measured)
        {
            var address = new Uri(app.BaseAddress, url);
            // At the most connections measured: a server that has run for a while has its connection pool full, each
            // connection with its statements prepared. Warmed at 8, the first page to hold connections at 16 and 64 opened
            // PostgreSQL backends during its measured run, and each new backend planned the page's statement cold (60-105
            // ms in bind) for its first executions: a tail of the run's order, not of the page (docs/performance.md).
            await wrk.RunAsync(address, await CookieAsync(page.Role), options.Connections.Max(), WarmUpSeconds, ct);
            await WaitIdleAsync(app, data, output, ct);
            foreach (var connections in options.Connections)
            {
                var cookie = await CookieAsync(page.Role);
                WrkResult result;
                long maxKb;
                var machineBefore = MachineCpu.Read();
                await using (var sampler = new RssSampler(app))
                {
                    result = await wrk.RunAsync(address, cookie, connections, options.DurationSeconds, ct);
                    maxKb = sampler.MaxKb;
                }

                var steal = MachineCpu.Read().StealPercentSince(machineBefore);

                var load = LoadAverage1();
                var row = new PageRow(page.Name, page.Role.ToString(), url, connections, page.Budget.ToString(), page.IsClientList,
                    result.Requests, result.DurationSeconds, result.RequestsPerSecond, result.P50Ms, result.P95Ms, result.P99Ms, result.MaxMs,
                    result.Non2xx, result.Timeouts, result.ConnectErrors + result.ReadErrors + result.WriteErrors, null, maxKb / 1024.0, load, steal);
                rows.Add(row);
                peakRss = Math.Max(peakRss, row.MaxRssMb);
                output.WriteLine(Invariant(
                    $"  {page.Name,-32} {page.Role,-9} c={connections,-3} {PageRunReport.Rate(row.RequestsPerSecond),8} req/s  p50 {PageRunReport.Ms(row.P50Ms),6}  p95 {PageRunReport.Ms(row.P95Ms),6}  p99 {PageRunReport.Ms(row.P99Ms),6} ms  errors {row.Problems}  RSS {row.MaxRssMb:0} MB  load {load:0.00}  steal {steal:0.0} %"));
                await WaitIdleAsync(app, data, output, ct);
                // wrk counts only 4xx/5xx: a page that began to redirect (say, to the sign-in page) would look fast.
                var after = await client.GetAsync(url, page.Role == PageRole.Anonymous ? null : jars[page.Role], ct);
                if (after.Status != System.Net.HttpStatusCode.OK || (page.Budget != PageBudget.SignIn && PageClient.IsSignInPage(after.Body)))
                {
                    throw new InvalidOperationException($"{page.Name} ({page.Role}): GET {url} answered {(int)after.Status} after the run; the figures are not of the page.");
                }

                if (app.HasExited)
                {
                    throw new InvalidOperationException($"The app exited during the run. Last lines of {app.LogFile}:{Environment.NewLine}{app.LogTail(40)}");
                }
            }
        }

        output.WriteLine(Invariant($"Measured in {total.Elapsed.TotalMinutes:0.0} min"));

        // wrk replays one cookie. A browser keeps the cookie the app renews when it checks the security stamp (once a
        // minute); a replayed old cookie would make the app check and renew on every request. So each run gets a cookie
        // at most CookieAge old, as a browser has within a minute of its last renewal. A sign-in for every run was too
        // many for the sign-in throttle with short runs (HTTP 429 after 17 pages at --duration 5).
        async Task<string?> CookieAsync(PageRole role)
        {
            if (role == PageRole.Anonymous)
            {
                return null;
            }

            if (!signedInAt.TryGetValue(role, out var at) || DateTimeOffset.UtcNow - at > CookieAge - TimeSpan.FromSeconds(options.DurationSeconds))
            {
                jars[role] = await client.SignInAsync(ids.UserFor(role), BenchmarkDataGenerator.BenchPassword, ct);
                signedInAt[role] = DateTimeOffset.UtcNow;
            }

            return jars[role].Header;
        }
        var signIn = rows.Where(r => r.Budget == nameof(PageBudget.SignIn)).ToDictionary(r => r.Connections, r => r.RequestsPerSecond);
        rows = rows.Select(r => r with { SignInRatio = signIn.TryGetValue(r.Connections, out var s) && s > 0 ? r.RequestsPerSecond / s : null }).ToList();
        return new Measurement(rows, peakRss, app.ReadStatusKb("VmHWM") / 1024.0,
            jars.ToDictionary(j => j.Key.ToString(), j => j.Value.Header, StringComparer.Ordinal));
    }

    /// <summary>
    /// Waits (at most a minute) until the app and PostgreSQL use less than a tenth of a core, and the whole machine
    /// less than a fifth: requests wrk gave up on at the end of a run may still be running, and PostgreSQL's
    /// autovacuum or a build server left by the build must not count against the next run either.
    /// </summary>
    private static async Task WaitIdleAsync(AppUnderTest app, BenchmarkData data, TextWriter output, CancellationToken ct)
    {
        double Cpu() => app.CpuSeconds() + CpuSnapshot.PostgresTicks(data.PostmasterPidFile) / 100.0;
        var watch = Stopwatch.StartNew();
        var before = Cpu();
        var machine = MachineCpu.Read();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500, ct);
            var now = Cpu();
            var machineNow = MachineCpu.Read();
            if (now - before < 0.05 && machineNow.CoresBusySince(machine, Environment.ProcessorCount) < 0.2)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(5))
                {
                    output.WriteLine(Invariant($"    (waited {watch.Elapsed.TotalSeconds:0} s for the machine to go idle: requests wrk gave up on, autovacuum or another process were still running)"));
                }

                return;
            }

            before = now;
            machine = machineNow;
        }

        output.WriteLine("    (the machine was still busy a minute after the run; going on)");
    }

    private static double LoadAverage1() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;

    /// <summary>Row counts of what the pages show, by SQL.</summary>
    private static async Task<Dictionary<string, long>> DataSizesAsync(BenchmarkData data, CancellationToken ct)
    {
        string[] names = ["clients", "principals", "batches", "incidents", "open warnings", "notifications", "audit rows", "pending proposals"];
        await using var connection = await data.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM "Clients"), (SELECT count(*) FROM "Principals"), (SELECT count(*) FROM "CooperationProjects"),
                   (SELECT count(*) FROM "WorkerIncidents"), (SELECT count(*) FROM "Warnings" WHERE "State" IN (1, 2, 3)),
                   (SELECT count(*) FROM "Notifications"), (SELECT count(*) FROM "AuditEntries"),
                   (SELECT count(*) FROM "GradeProposals" WHERE "State" = 1)
            """, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return names.Select((n, i) => (n, reader.GetInt64(i))).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
    }

    private static async Task<string> AppCommitAsync(string appDir, CancellationToken ct)
    {
        var (code, head) = await AppUnderTest.RunToolAsync("git", ["-C", appDir, "rev-parse", "--short", "HEAD"], appDir, ct);
        if (code != 0)
        {
            return "unknown (not a git checkout)";
        }

        var (_, status) = await AppUnderTest.RunToolAsync("git", ["-C", appDir, "status", "--porcelain", "--", "src"], appDir, ct);
        return head.Trim() + (string.IsNullOrWhiteSpace(status) ? "" : " + uncommitted changes");
    }

    private static string CommandLine(BenchmarkOptions options) =>
        "dotnet run -c Release --project bench/ClientCrm.Benchmarks -- "
        + string.Join(' ', options.Arguments.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,/=:".Contains(c, StringComparison.Ordinal)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private static async Task<string[]> WriteResultsAsync(PageRunReport report, string repo, CancellationToken ct)
    {
        var folder = Path.Combine(repo, "BenchmarkDotNet.Artifacts", "pages");
        Directory.CreateDirectory(folder);
        var name = Invariant($"pages-{report.Clients}-{report.StartedAt:yyyyMMdd-HHmm}");
        var json = Path.Combine(folder, name + ".json");
        var markdown = Path.Combine(folder, name + ".md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize<PageRunReport>(report, PageRunReport.Json), ct);
        await File.WriteAllTextAsync(markdown, "# Page benchmark" + Environment.NewLine + Environment.NewLine + Summary(report), ct);
        return [json, markdown];
    }

    /// <summary>What docs/performance.md shows between the markers (and the Markdown results file).</summary>
    public static string Summary(PageRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.DataSizes;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {report.StartedAt:yyyy-MM-dd HH:mm} UTC with `{report.Command}`.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- **Machine:** {report.Machine}; PostgreSQL {report.PostgreSql}. Load average at start: {report.LoadAverageAtStart}.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- **Data:** {s.GetValueOrDefault("clients"):N0} clients, {s.GetValueOrDefault("principals"):N0} principals, {s.GetValueOrDefault("batches"):N0} batches, {s.GetValueOrDefault("incidents"):N0} worker incidents, {s.GetValueOrDefault("open warnings"):N0} open warnings, {s.GetValueOrDefault("notifications"):N0} notifications, {s.GetValueOrDefault("audit rows"):N0} audit rows, {s.GetValueOrDefault("pending proposals"):N0} pending grade proposals{(report.GenerationSeconds is { } g ? Invariant($"; generated in {g:0} s") : "")}.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- **App:** commit `{report.AppCommit}`, built in Release, run with `dotnet ClientCrm.Web.dll` (Production, scheduled jobs off) on the same machine as wrk and PostgreSQL.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- **Load:** wrk, 2 threads (1 below 2 connections), {report.DurationSeconds} s at each of {string.Join(", ", report.Connections)} connections after every page ran {report.WarmUpSeconds} s (the app's JIT tiers up under load) and a {WarmUpSeconds} s warm-up per page at {report.Connections.Max()} connections (the connection pool full), 10 s timeout. Latencies are those of completed requests; a row with a non-2xx answer, a timeout or a socket error fails. \"× sign-in\" is req/s over the sign-in page's at the same connection count in this run.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- **Pages loaded with:** {string.Join(' ', report.PageIds.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- **App memory:** peak VmRSS under load {report.AppPeakRssMb:0} MB, VmHWM {report.AppHwmMb:0} MB.");
        if (report.ComparedWith is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **Compared with:** `{Path.GetFileName(report.ComparedWith)}`.");
        }

        text.AppendLine();
        text.AppendLine(report.Table());
        text.Append(report.BudgetList());
        return text.ToString();
    }

    /// <summary>Replaces the block between the markers in docs/performance.md, or appends a "## Pages" section with them.</summary>
    public static async Task WriteDocsAsync(string path, string block, CancellationToken ct)
    {
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : "# Performance\n";
        var section = DocsBegin + "\n" + block.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n" + DocsEnd;
        var begin = text.IndexOf(DocsBegin, StringComparison.Ordinal);
        var end = text.IndexOf(DocsEnd, StringComparison.Ordinal);
        text = begin >= 0 && end > begin
            ? text[..begin] + section + text[(end + DocsEnd.Length)..]
            : text.TrimEnd() + "\n\n## Pages\n\n" + section + "\n";
        await File.WriteAllTextAsync(path, text, ct);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What the wrk runs measured, and the cookies they were made with (kept out of the files).</summary>
internal sealed record Measurement(IReadOnlyList<PageRow> Rows, double PeakRssMb, double HwmMb, IReadOnlyDictionary<string, string> Cookies);
