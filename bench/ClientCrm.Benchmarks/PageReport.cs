using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientCrm.Benchmarks;

/// <summary>One page at one connection count.</summary>
public sealed record PageRow(
    string Page, string Role, string Url, int Connections, string Budget, bool IsClientList,
    long Requests, double DurationSeconds, double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    long Non2xx, long Timeouts, long SocketErrors, double? SignInRatio, double MaxRssMb, double LoadAverage1, double? StealPercent = null)
{
    [JsonIgnore]
    public bool Clean => Requests > 0 && Non2xx == 0 && Timeouts == 0 && SocketErrors == 0;

    /// <summary>False when no request completed within the timeout (wrk then reports 0 for every percentile).</summary>
    [JsonIgnore]
    public bool HasLatency => MaxMs > 0;

    [JsonIgnore]
    public string Problems => Clean ? "0"
        : string.Join(", ", new[]
        {
            Requests == 0 ? "no response" : !HasLatency ? "none within 10 s" : null,
            Non2xx > 0 ? Invariant($"{Non2xx:N0} non-2xx") : null,
            Timeouts > 0 ? Invariant($"{Timeouts:N0} timeouts") : null,
            SocketErrors > 0 ? Invariant($"{SocketErrors:N0} socket errors") : null,
        }.Where(p => p is not null));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One budget line: pass, fail, or n/a when the run did not measure what it needs.</summary>
public sealed record BudgetCheck(string Line, string Result, string Detail)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string NotMeasured = "n/a";
}

/// <summary>Everything a page benchmark run found, as written to the JSON file (and read back by <c>--compare</c>).</summary>
public sealed record PageRunReport
{
    public required DateTimeOffset StartedAt { get; init; }
    public required string Command { get; init; }
    public required string Machine { get; init; }
    public required string PostgreSql { get; init; }
    public required string DotNet { get; init; }
    public required string AppDirectory { get; init; }
    public required string AppCommit { get; init; }
    public required IReadOnlyDictionary<string, long> DataSizes { get; init; }
    public double? GenerationSeconds { get; init; }
    public required int DurationSeconds { get; init; }

    /// <summary>Seconds every page ran before any was measured (0 in reports written before the option).</summary>
    public int WarmUpSeconds { get; init; }
    public required IReadOnlyList<int> Connections { get; init; }
    public required string PageIds { get; init; }
    public required string LoadAverageAtStart { get; init; }
    public double AppPeakRssMb { get; init; }
    public double AppHwmMb { get; init; }
    public required IReadOnlyList<PageRow> Rows { get; init; }
    public IReadOnlyList<BudgetCheck> Budgets { get; init; } = [];
    public string? ComparedWith { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public long Clients => DataSizes.GetValueOrDefault("clients");

    public static PageRunReport Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<PageRunReport>(stream, Json) ?? throw new InvalidOperationException($"{path} holds no page benchmark results.");
    }

    /// <summary>The results table in Markdown (<paramref name="markdown"/> false: page names left as they are, for the console).</summary>
    public string Table(bool markdown = true)
    {
        string Escape(string text) => markdown ? PageRunReport.Escape(text) : text;
        var text = new StringBuilder();
        text.AppendLine("| page | role | conn | req/s | p50 ms | p95 ms | p99 ms | × sign-in | non-2xx / errors | max RSS MB | load 1 min | steal % |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (var r in Rows)
        {
            var none = !r.HasLatency;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Escape(r.Page)} | {r.Role} | {r.Connections} | {Rate(r.RequestsPerSecond)} | {(none ? "—" : Ms(r.P50Ms))} | {(none ? "—" : Ms(r.P95Ms))} | {(none ? "—" : Ms(r.P99Ms))} | {(r.SignInRatio is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "—")} | {(r.Clean ? "0" : "**" + r.Problems + "**")} | {r.MaxRssMb:0} | {r.LoadAverage1:0.00} | {(r.StealPercent is { } st ? st.ToString("0.0", CultureInfo.InvariantCulture) : "—")} |");
        }

        return text.ToString();
    }

    /// <summary>The budget lines in Markdown, one bullet each.</summary>
    public string BudgetList(bool markdown = true)
    {
        string Escape(string text) => markdown ? PageRunReport.Escape(text) : text;
        var text = new StringBuilder();
        var failed = Budgets.Count(b => b.Result == BudgetCheck.Fail);
        var passed = Budgets.Count(b => b.Result == BudgetCheck.Pass);
        text.AppendLine(CultureInfo.InvariantCulture, $"Budgets: {passed} passed, {failed} failed, {Budgets.Count - passed - failed} not measured.");
        text.AppendLine();
        foreach (var b in Budgets)
        {
            var mark = b.Result switch { BudgetCheck.Pass => "PASS", BudgetCheck.Fail => "FAIL", _ => "n/a" };
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{mark}** {Escape(b.Line)}: {Escape(b.Detail)}");
        }

        return text.ToString();
    }

    public static string Rate(double perSecond) => perSecond switch
    {
        >= 100 => perSecond.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => perSecond.ToString("0.0", CultureInfo.InvariantCulture),
        _ => perSecond.ToString("0.00", CultureInfo.InvariantCulture),
    };

    public static string Ms(double ms) => ms >= 100 ? ms.ToString("N0", CultureInfo.InvariantCulture) : ms.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);
}

/// <summary>
/// The budget lines of the page benchmark. A line whose run had a non-2xx answer, a timeout or a socket error fails,
/// whatever its figures (latencies count only the requests that completed).
/// </summary>
public static class PageBudgets
{
    public const double SignInMinimum = 6_690;
    public const double HealthMinimum = 6_580;
    public const double PeakRssLimitMb = 500;

    public static List<BudgetCheck> Check(PageRunReport report, PageRunReport? compare)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows;
        var checks = new List<BudgetCheck>();
        PageRow? Find(string budget, string? role, int connections) =>
            rows.FirstOrDefault(r => r.Budget == budget && (role is null || r.Role == role) && r.Connections == connections);

        foreach (var role in rows.Where(r => r.Budget == nameof(PageBudget.ClientListFirstPage)).Select(r => r.Role).Distinct())
        {
            var at64 = Find(nameof(PageBudget.ClientListFirstPage), role, 64);
            var signIn64 = Find(nameof(PageBudget.SignIn), null, 64);
            checks.Add(at64 is null || signIn64 is null
                ? NotMeasured($"/Clients page 1 ({role}): req/s at 64 ≥ 0.25 × sign-in page at 64", "needs both at 64 connections")
                : Verdict($"/Clients page 1 ({role}): req/s at 64 ≥ 0.25 × sign-in page at 64",
                    at64.RequestsPerSecond >= 0.25 * signIn64.RequestsPerSecond && signIn64.Clean, at64,
                    Invariant($"{PageRunReport.Rate(at64.RequestsPerSecond)} req/s = {at64.RequestsPerSecond / Math.Max(signIn64.RequestsPerSecond, 1e-9):0.000} × {PageRunReport.Rate(signIn64.RequestsPerSecond)}")));
            checks.Add(at64 is null
                ? NotMeasured($"/Clients page 1 ({role}): p99 at 64 ≤ 50 ms", "not run at 64 connections")
                : Verdict($"/Clients page 1 ({role}): p99 at 64 ≤ 50 ms", at64.P99Ms <= 50, at64, Latency("p99", at64.P99Ms, at64)));
            var at8 = Find(nameof(PageBudget.ClientListFirstPage), role, 8);
            checks.Add(at8 is null
                ? NotMeasured($"/Clients page 1 ({role}): p95 at 8 ≤ 10 ms", "not run at 8 connections")
                : Verdict($"/Clients page 1 ({role}): p95 at 8 ≤ 10 ms", at8.P95Ms <= 10, at8, Latency("p95", at8.P95Ms, at8)));
        }

        foreach (var page in rows.Where(r => r.Budget is nameof(PageBudget.Other) or nameof(PageBudget.ExactSearch))
                     .Select(r => (r.Page, r.Role, r.Budget)).Distinct())
        {
            var limit = page.Budget == nameof(PageBudget.ExactSearch) ? 10 : 50;
            var line = Invariant($"{page.Page} ({page.Role}): p95 at 16 ≤ {limit} ms");
            var at16 = rows.FirstOrDefault(r => r.Page == page.Page && r.Role == page.Role && r.Connections == 16);
            checks.Add(at16 is null ? NotMeasured(line, "not run at 16 connections")
                : Verdict(line, at16.P95Ms <= limit, at16, Latency("p95", at16.P95Ms, at16)));
        }

        var signIn8 = Find(nameof(PageBudget.SignIn), null, 8);
        checks.Add(signIn8 is null ? NotMeasured("sign-in page at 8 ≥ 6,690 req/s", "not run at 8 connections")
            : Verdict("sign-in page at 8 ≥ 6,690 req/s", signIn8.RequestsPerSecond >= SignInMinimum, signIn8,
                PageRunReport.Rate(signIn8.RequestsPerSecond) + " req/s"));
        var health8 = Find(nameof(PageBudget.Health), null, 8);
        checks.Add(health8 is null ? NotMeasured("/health at 8 ≥ 6,580 req/s", "not run at 8 connections")
            : Verdict("/health at 8 ≥ 6,580 req/s", health8.RequestsPerSecond >= HealthMinimum, health8,
                PageRunReport.Rate(health8.RequestsPerSecond) + " req/s"));

        checks.Add(new BudgetCheck("app peak RSS under load < 500 MB", report.AppPeakRssMb < PeakRssLimitMb ? BudgetCheck.Pass : BudgetCheck.Fail,
            Invariant($"max VmRSS {report.AppPeakRssMb:0} MB (VmHWM {report.AppHwmMb:0} MB)")));

        if (compare is not null)
        {
            foreach (var row in rows.Where(r => r.IsClientList))
            {
                var before = compare.Rows.FirstOrDefault(r => r.Page == row.Page && r.Role == row.Role && r.Connections == row.Connections);
                var line = Invariant($"{row.Page} ({row.Role}) at {row.Connections}: p99 ≤ 1.2 × compared p99");
                checks.Add(before is null || before.Requests == 0
                    ? NotMeasured(line, "not in the compared run")
                    : Verdict(line, row.P99Ms <= 1.2 * before.P99Ms, row,
                        Invariant($"p99 {PageRunReport.Ms(row.P99Ms)} ms vs {PageRunReport.Ms(before.P99Ms)} ms ({compare.Clients:N0} clients) = {row.P99Ms / Math.Max(before.P99Ms, 1e-9):0.00}×")));
            }
        }

        return checks;
    }

    private static BudgetCheck Verdict(string line, bool met, PageRow row, string detail) =>
        !row.Clean
            ? new BudgetCheck(line, BudgetCheck.Fail, detail + "; " + row.Problems)
            : new BudgetCheck(line, met ? BudgetCheck.Pass : BudgetCheck.Fail, detail);

    private static BudgetCheck NotMeasured(string line, string why) => new(line, BudgetCheck.NotMeasured, why);

    private static string Latency(string percentile, double ms, PageRow row) =>
        row.HasLatency ? Invariant($"{percentile} {PageRunReport.Ms(ms)} ms") : percentile + " —";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
