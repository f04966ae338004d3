using System.Globalization;
using System.Text.RegularExpressions;
using ClientCrm.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClientCrm.Benchmarks;

/// <summary>Who a page is loaded as.</summary>
public enum PageRole
{
    Anonymous,
    Staff,
    Head,
    Leader,
    Admin,
}

/// <summary>Which budget line a page is held to (see <see cref="PageBudgets"/>).</summary>
public enum PageBudget
{
    /// <summary>The sign-in page, signed out: the yardstick the other pages' req/s are compared with.</summary>
    SignIn,

    /// <summary>/health.</summary>
    Health,

    /// <summary>/Clients page 1: req/s at 64 against the sign-in page, p99 at 64, p95 at 8.</summary>
    ClientListFirstPage,

    /// <summary>An exact search through a blind index: p95 at 16 ≤ 10 ms.</summary>
    ExactSearch,

    /// <summary>Any other page: p95 at 16 ≤ 50 ms.</summary>
    Other,
}

/// <summary>
/// One row of the page table: a name (what the report shows, what <c>--only</c> matches), who loads it, the budget
/// it is held to, and how to find its URL once the data is loaded (most are plain strings; the deep page is found by
/// following the list's next-page link).
/// </summary>
public sealed record PageSpec(string Name, PageRole Role, PageBudget Budget, Func<PageContext, CancellationToken, Task<string>> Url)
{
    public PageSpec(string name, PageRole role, PageBudget budget, Func<PageIds, string> url)
        : this(name, role, budget, (context, _) => Task.FromResult(url(context.Ids)))
    {
    }

    /// <summary>A row of the client list (/Clients with any query), whose p99 <c>--compare</c> checks.</summary>
    public bool IsClientList => Name == "/Clients" || Name.StartsWith("/Clients?", StringComparison.Ordinal);
}

/// <summary>What a URL may need: the ids found in the data, and a signed-in client to follow links with.</summary>
public sealed record PageContext(PageIds Ids, PageClient Client, IReadOnlyDictionary<PageRole, CookieJar> Cookies);

/// <summary>
/// The pages measured. To add one, add a line: the URL is built from <see cref="PageIds"/> (add an id there and find
/// it in <see cref="PageIds.FindAsync"/> if it needs a new one).
/// </summary>
public static partial class PageCatalog
{
    public static IReadOnlyList<PageSpec> All { get; } =
    [
        new("sign-in page", PageRole.Anonymous, PageBudget.SignIn, _ => PageClient.SignInPath),
        new("/health", PageRole.Anonymous, PageBudget.Health, _ => "/health"),
        new("/Clients", PageRole.Staff, PageBudget.ClientListFirstPage, _ => "/Clients"),
        new("/Clients", PageRole.Head, PageBudget.ClientListFirstPage, _ => "/Clients"),
        new("/Clients", PageRole.Leader, PageBudget.ClientListFirstPage, _ => "/Clients"),
        new("/Clients?sort=name", PageRole.Head, PageBudget.Other, _ => "/Clients?sort=name&desc=false"),
        new("/Clients?sort=name", PageRole.Leader, PageBudget.Other, _ => "/Clients?sort=name&desc=false"),
        new("/Clients?p=500", PageRole.Leader, PageBudget.Other, DeepPageAsync),
        new("/Clients?q=<name part>", PageRole.Head, PageBudget.Other, ids => "/Clients?q=" + Uri.EscapeDataString(ids.NamePart)),
        new("/Clients?q=<name part>", PageRole.Leader, PageBudget.Other, ids => "/Clients?q=" + Uri.EscapeDataString(ids.NamePart)),
        new("/Clients?q=<Chinese name part>", PageRole.Leader, PageBudget.Other, ids => "/Clients?q=" + Uri.EscapeDataString(ids.ChineseNamePart)),
        new("/Clients?q=<e-mail>", PageRole.Staff, PageBudget.ExactSearch, ids => "/Clients?q=" + Uri.EscapeDataString(ids.Email)),
        new("/Clients?q=<e-mail>", PageRole.Leader, PageBudget.ExactSearch, ids => "/Clients?q=" + Uri.EscapeDataString(ids.Email)),
        new("/Clients/{id}", PageRole.Staff, PageBudget.Other, ids => $"/Clients/{ids.ClientId}"),
        new("/Clients/{id}", PageRole.Leader, PageBudget.Other, ids => $"/Clients/{ids.ClientId}"),
        new("/Clients/{id}/History", PageRole.Staff, PageBudget.Other, ids => $"/Clients/{ids.ClientId}/History"),
        new("/Clients/{id}/Projects", PageRole.Staff, PageBudget.Other, ids => $"/Clients/{ids.ClientId}/Projects"),
        // Issue 13: the client's dossier documents (the client has its business license and credit certificate, BenchmarkData).
        new("/Clients/{id}/Documents", PageRole.Staff, PageBudget.Other, ids => $"/Clients/{ids.ClientId}/Documents"),
        new("/Clients/{id}/Projects/{id}", PageRole.Staff, PageBudget.Other, ids => $"/Clients/{ids.ClientId}/Projects/{ids.ProjectId}"),
        new("/Warnings", PageRole.Head, PageBudget.Other, _ => "/Warnings"),
        new("/Warnings", PageRole.Leader, PageBudget.Other, _ => "/Warnings"),
        new("/Warnings/Review", PageRole.Head, PageBudget.Other, _ => "/Warnings/Review"),
        new("/Warnings/Review", PageRole.Leader, PageBudget.Other, _ => "/Warnings/Review"),
        new("/Warnings/{id}", PageRole.Head, PageBudget.Other, ids => $"/Warnings/{ids.WarningId}"),
        new("/", PageRole.Staff, PageBudget.Other, _ => "/"),
        new("/", PageRole.Head, PageBudget.Other, _ => "/"),
        new("/", PageRole.Leader, PageBudget.Other, _ => "/"),
        new("/Clients/Classes", PageRole.Head, PageBudget.Other, _ => "/Clients/Classes"),
        new("/Clients/Classes", PageRole.Leader, PageBudget.Other, _ => "/Clients/Classes"),
        new("/Audit", PageRole.Leader, PageBudget.Other, _ => "/Audit"),
        // The log's filters: one client (from its page), clients by a name part, a person, a person and a kind of record
        // together, a kind of record over a period (the company's last 90 days).
        new("/Audit?clientId=<id>", PageRole.Leader, PageBudget.Other, ids => $"/Audit?clientId={ids.ClientId}"),
        new("/Audit?client=<name part>", PageRole.Leader, PageBudget.Other, ids => "/Audit?client=" + Uri.EscapeDataString(ids.NamePart)),
        new("/Audit?user=<staff>", PageRole.Leader, PageBudget.Other, ids => "/Audit?user=" + Uri.EscapeDataString(ids.StaffUser)),
        new("/Audit?user=<leader>&entity=Warning", PageRole.Leader, PageBudget.Other,
            ids => "/Audit?entity=Warning&user=" + Uri.EscapeDataString(ids.LeaderUser)),
        new("/Audit?entity=CooperationProject&from=<90 days ago>", PageRole.Leader, PageBudget.Other,
            _ => "/Audit?entity=CooperationProject&from=" + DateTime.UtcNow.AddHours(8).AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("/Inbox", PageRole.Head, PageBudget.Other, _ => "/Inbox"),
        new("/Grading", PageRole.Head, PageBudget.Other, _ => "/Grading"),
        new("/Grading", PageRole.Leader, PageBudget.Other, _ => "/Grading"),
        new("/Grading/Proposals/{id}", PageRole.Head, PageBudget.Other, ids => $"/Grading/Proposals/{ids.ProposalId}"),
        new("/Rules", PageRole.Staff, PageBudget.Other, _ => "/Rules"),
        new("/Settings/ExchangeRates", PageRole.Leader, PageBudget.Other, _ => "/Settings/ExchangeRates"),
        new("/Admin/Jobs", PageRole.Admin, PageBudget.Other, _ => "/Admin/Jobs"),
        new("/Admin/Outbox", PageRole.Admin, PageBudget.Other, _ => "/Admin/Outbox"),
        // Issue 12: the evaluations going (the oldest waiting first) and all rounds, one evaluation, the to-do list of each
        // role (every page's top bar counts it too, kept for 15 s) and the workflow settings.
        new("/Evaluations", PageRole.Head, PageBudget.Other, _ => "/Evaluations"),
        new("/Evaluations", PageRole.Leader, PageBudget.Other, _ => "/Evaluations"),
        new("/Evaluations?state=all", PageRole.Leader, PageBudget.Other, _ => "/Evaluations?state=all"),
        new("/Evaluations/{id}", PageRole.Head, PageBudget.Other, ids => $"/Evaluations/{ids.EvaluationId}"),
        new("/Todo", PageRole.Staff, PageBudget.Other, _ => "/Todo"),
        new("/Todo", PageRole.Head, PageBudget.Other, _ => "/Todo"),
        new("/Todo", PageRole.Leader, PageBudget.Other, _ => "/Todo"),
        new("/Settings/Workflows", PageRole.Leader, PageBudget.Other, _ => "/Settings/Workflows"),
        // Reads the two latest rotations' progress rows, written by the job: no count over the clients per view.
        new("/Settings/Keys", PageRole.Leader, PageBudget.Other, _ => "/Settings/Keys"),
        new("/Complaints", PageRole.Head, PageBudget.Other, _ => "/Complaints"),
        new("/Complaints?state=all", PageRole.Leader, PageBudget.Other, _ => "/Complaints?state=all"),
        new("/Complaints/{id}", PageRole.Head, PageBudget.Other, ids => $"/Complaints/{ids.ComplaintId}"),
        new("/ContractReviews", PageRole.Head, PageBudget.Other, _ => "/ContractReviews"),
        new("/ContractReviews?state=all", PageRole.Leader, PageBudget.Other, _ => "/ContractReviews?state=all"),
        new("/ContractReviews/{id}", PageRole.Head, PageBudget.Other, ids => $"/ContractReviews/{ids.ContractReviewId}"),
        new("/ContractReviews/{id}/Print", PageRole.Head, PageBudget.Other, ids => $"/ContractReviews/{ids.ContractReviewId}/Print"),
        new("/Accountability", PageRole.Head, PageBudget.Other, _ => "/Accountability"),
        new("/Accountability?state=all", PageRole.Leader, PageBudget.Other, _ => "/Accountability?state=all"),
        new("/Accountability/{id}", PageRole.Head, PageBudget.Other, ids => $"/Accountability/{ids.AccountabilityCaseId}"),
        // Information reports: waiting for the head (the default tab), and all of them for a leader.
        new("/InformationReports", PageRole.Head, PageBudget.Other, _ => "/InformationReports"),
        new("/InformationReports?tab=all", PageRole.Leader, PageBudget.Other, _ => "/InformationReports?tab=all"),
        // Issue 13: access requests waiting for the leaders (the default tab) and all of them; the use log, whole and per client.
        new("/AccessRequests", PageRole.Leader, PageBudget.Other, _ => "/AccessRequests"),
        new("/AccessRequests?tab=all", PageRole.Leader, PageBudget.Other, _ => "/AccessRequests?tab=all"),
        new("/DossierUse", PageRole.Leader, PageBudget.Other, _ => "/DossierUse"),
        new("/DossierUse?clientId={id}", PageRole.Leader, PageBudget.Other, ids => $"/DossierUse?clientId={ids.ClientId}"),
    ];

    public const int DeepPage = 500;

    /// <summary>
    /// Page 500 of the list as a leader, found the way a user gets there: the list's next-page link. While the list
    /// pages by number (<c>p=2</c> in the link) the number is set to 500; once it pages with an opaque cursor, the link
    /// is followed 499 times.
    /// </summary>
    private static async Task<string> DeepPageAsync(PageContext context, CancellationToken ct)
    {
        var jar = context.Cookies[PageRole.Leader];
        var url = "/Clients";
        var page = await context.Client.GetAsync(url, jar, ct);
        var next = NextPage(page, url);
        if (PageNumberTwo().IsMatch(next))
        {
            return PageNumberTwo().Replace(next, m => m.Groups[1].Value + "p=" + DeepPage.ToString(CultureInfo.InvariantCulture));
        }

        for (var n = 2; n <= DeepPage; n++)
        {
            url = next;
            if (n == DeepPage)
            {
                return url;
            }

            page = await context.Client.GetAsync(url, jar, ct);
            next = NextPage(page, url);
        }

        return url;
    }

    private static string NextPage(PageResponse page, string url)
    {
        if (page.Status != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} as leader answered {(int)page.Status} while looking for the deep page.");
        }

        return PageClient.LinkHref(page.Body, "next-page")
            ?? throw new InvalidOperationException($"GET {url} has no a#next-page link: cannot reach page {DeepPage}.");
    }

    [GeneratedRegex("([?&])p=2(?=&|$)")]
    private static partial Regex PageNumberTwo();
}

/// <summary>
/// The users and records the pages are loaded with, found by SQL in the loaded database: a staff member and the client
/// of theirs with the number of batches nearest 60 and three principal cards, that client's department head, a leader,
/// one of the client's batches (the one with most incidents), an open warning and a pending grade proposal of the
/// department, and search terms taken from the data.
/// </summary>
public sealed record PageIds(
    string StaffUser, string HeadUser, string LeaderUser, string AdminUser,
    Guid ClientId, string ClientName, int ClientBatches, int ClientPrincipals, int DepartmentId,
    Guid ProjectId, Guid WarningId, Guid ProposalId,
    string NamePart, string ChineseNamePart, string Email, Guid EvaluationId, Guid ComplaintId, Guid AccountabilityCaseId, Guid ContractReviewId)
{
    public string UserFor(PageRole role) => role switch
    {
        PageRole.Staff => StaffUser,
        PageRole.Head => HeadUser,
        PageRole.Leader => LeaderUser,
        PageRole.Admin => AdminUser,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Anonymous pages need no user."),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        staff {StaffUser}, head {HeadUser}, leader {LeaderUser}, admin {AdminUser}; client {ClientId} "{ClientName}" ({ClientBatches} batches, {ClientPrincipals} principals, department {DepartmentId});
          project {ProjectId}, warning {WarningId}, proposal {ProposalId}; name part "{NamePart}", Chinese name part "{ChineseNamePart}", e-mail {Email}
        """);

    public static async Task<PageIds> FindAsync(BenchmarkData data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        await using var connection = await data.OpenAsync(ct);
        Guid client;
        string staff, name;
        int department, batches, principals;
        byte[]? email;
        await using (var command = new NpgsqlCommand(
            """
            WITH batches AS (SELECT "ClientId", count(*) AS n FROM "CooperationProjects" GROUP BY "ClientId"),
                 principals AS (SELECT "ClientId", count(*) AS n FROM "Principals" GROUP BY "ClientId")
            SELECT c."Id", u."UserName", c."DepartmentId", c."Name", b.n, coalesce(p.n, 0), c."Email"
            FROM "Clients" c
            JOIN batches b ON b."ClientId" = c."Id"
            LEFT JOIN principals p ON p."ClientId" = c."Id"
            JOIN "AspNetUsers" u ON u."Id" = c."OwnerId"
            WHERE EXISTS (SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                          WHERE ur."UserId" = u."Id" AND r."Name" = 'Staff')
            ORDER BY coalesce(p.n, 0) <> 3, abs(b.n - 60), c."Id"
            LIMIT 1
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException("No client with batches is owned by a Staff user: is the data loaded?");
            }

            client = reader.GetGuid(0);
            staff = reader.GetString(1);
            department = reader.GetInt32(2);
            name = reader.GetString(3);
            batches = (int)reader.GetInt64(4);
            principals = (int)reader.GetInt64(5);
            email = reader.IsDBNull(6) ? null : reader.GetFieldValue<byte[]>(6);
        }

        var head = await ScalarAsync<string>(connection,
            """
            SELECT u."UserName" FROM "AspNetUsers" u
            JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id" JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
            WHERE r."Name" = 'DepartmentHead' AND u."DepartmentId" = @department ORDER BY u."UserName" LIMIT 1
            """, [("department", department)], ct) ?? throw new InvalidOperationException($"Department {department} has no head.");
        var leader = await ScalarAsync<string>(connection,
            """
            SELECT u."UserName" FROM "AspNetUsers" u
            JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id" JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
            WHERE r."Name" = 'Leader' ORDER BY u."UserName" LIMIT 1
            """, [], ct) ?? throw new InvalidOperationException("There is no leader.");
        var admin = await ScalarAsync<string>(connection,
            """
            SELECT u."UserName" FROM "AspNetUsers" u
            JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id" JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
            WHERE r."Name" = 'Admin' ORDER BY u."UserName" LIMIT 1
            """, [], ct) ?? "";
        var project = await ScalarAsync<Guid?>(connection,
            """
            SELECT p."Id" FROM "CooperationProjects" p WHERE p."ClientId" = @client
            ORDER BY (SELECT count(*) FROM "WorkerIncidents" i WHERE i."ProjectId" = p."Id") DESC, p."ContractSignedOn" DESC NULLS LAST, p."Id"
            LIMIT 1
            """, [("client", client)], ct) ?? throw new InvalidOperationException("The client has no batch.");
        var warning = await ScalarAsync<Guid?>(connection,
            """
            SELECT w."Id" FROM "Warnings" w JOIN "Clients" c ON c."Id" = w."ClientId"
            WHERE c."DepartmentId" = @department AND w."State" = 1
            ORDER BY (w."ClientId" = @client) DESC, w."Severity" DESC, w."RaisedAt", w."Id" LIMIT 1
            """, [("department", department), ("client", client)], ct)
            ?? throw new InvalidOperationException($"Department {department} has no open warning: did the warning run happen?");
        var proposal = await ScalarAsync<Guid?>(connection,
            """
            SELECT g."Id" FROM "GradeProposals" g JOIN "Clients" c ON c."Id" = g."ClientId"
            WHERE c."DepartmentId" = @department AND g."State" = 1
            ORDER BY (g."FromGrade" <> 1 AND g."ProposedGrade" <> 1) DESC, g."CreatedAt", g."Id" LIMIT 1
            """, [("department", department)], ct)
            ?? throw new InvalidOperationException($"Department {department} has no pending grade proposal: did the regrade run happen?");
        var evaluation = await ScalarAsync<Guid?>(connection,
            """
            SELECT e."Id" FROM "ClientEvaluations" e JOIN "Clients" c ON c."Id" = e."ClientId"
            WHERE c."DepartmentId" = @department AND e."State" = 2 ORDER BY e."StateSince", e."Id" LIMIT 1
            """, [("department", department)], ct)
            ?? throw new InvalidOperationException($"Department {department} has no submitted evaluation: were the evaluations generated?");
        var complaint = await ScalarAsync<Guid?>(connection,
            """
            SELECT x."Id" FROM "Complaints" x JOIN "Clients" c ON c."Id" = x."ClientId"
            WHERE c."DepartmentId" = @department AND x."State" = 1 ORDER BY x."StateSince", x."Id" LIMIT 1
            """, [("department", department)], ct)
            ?? throw new InvalidOperationException($"Department {department} has no recorded complaint: were the complaints generated?");
        var accountabilityCase = await ScalarAsync<Guid?>(connection,
            """
            SELECT x."Id" FROM "AccountabilityCases" x JOIN "Clients" c ON c."Id" = x."ClientId"
            WHERE c."DepartmentId" = @department AND x."State" = 1 ORDER BY x."StateSince", x."Id" LIMIT 1
            """, [("department", department)], ct)
            ?? throw new InvalidOperationException($"Department {department} has no open accountability case: were the cases generated?");
        var contractReview = await ScalarAsync<Guid?>(connection,
            """
            SELECT r."Id" FROM "ContractReviews" r JOIN "Clients" c ON c."Id" = r."ClientId"
            WHERE c."DepartmentId" = @department AND r."State" = 2 ORDER BY r."StateSince", r."Id" LIMIT 1
            """, [("department", department)], ct)
            ?? throw new InvalidOperationException($"Department {department} has no submitted contract review: were the reviews generated?");
        var chinese = await ScalarAsync<string>(connection,
            """
            SELECT "ChineseName" FROM "Clients" WHERE "ChineseName" IS NOT NULL AND "DepartmentId" = @department ORDER BY "Id" LIMIT 1
            """, [("department", department)], ct)
            ?? throw new InvalidOperationException("No client has a Chinese name: the data was not generated for --pages.");
        if (email is null)
        {
            throw new InvalidOperationException("The client has no e-mail: the data was not generated for --pages.");
        }

        var cipher = data.Services.GetRequiredService<IFieldCipher>();
        return new PageIds(staff, head, leader, admin, client, name, batches, principals, department, project, warning, proposal,
            // Five letters from the company-name stem ("akura" of "Sakura …"), and three characters from the Chinese name
            // across its stem and trade ("花建筑" of "樱花建筑有限公司…"): parts that match some, not all, clients.
            name.Substring(1, 5), chinese.Substring(1, Math.Min(3, chinese.Length - 1)), cipher.Decrypt(email), evaluation, complaint, accountabilityCase, contractReview);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync(ct);
        return result is null or DBNull ? default : (T)result;
    }
}
