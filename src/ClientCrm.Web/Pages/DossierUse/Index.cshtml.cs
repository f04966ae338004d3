using System.Globalization;
using System.Text;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ClientCrm.Web.Localization;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.DossierUse;

/// <summary>
/// The use log (使用登记), for leaders: who used which client's dossier, when, how, under which right, from where; per client
/// (the client page's link), per user (the user filter, and each row's user), by kind and period. Newest first, keyset paging
/// over (At, Id) on the index of the filter used, no count. The export (CSV) is itself registered.
/// </summary>
public sealed class IndexModel(CrmDbContext db, DossierAccess dossier, BusinessClock clock, ScopeSummaries summaries, IStringLocalizer<SharedResource> l)
    : KeysetListModel
{
    public const int PageSize = 100;

    /// <summary>An export holds at most this many lines (the newest): a longer period is exported in parts.</summary>
    public const int ExportCap = 20_000;

    [BindProperty(SupportsGet = true)] public Guid? ClientId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public DossierUseKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<UseRow> Rows { get; private set; } = [];
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();
    public string? ClientName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Filtered();
        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Number(1));
            return c;
        });
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek =>
        {
            var q = query;
            if (cursor is not null && seek != Seek.First)
            {
                var (at, id) = (cursor.Time(0), cursor.Number(1));
                q = seek == Seek.After
                    ? q.Where(u => EF.Functions.LessThan(ValueTuple.Create(u.At, u.Id), ValueTuple.Create(at, id)))
                    : q.Where(u => EF.Functions.GreaterThan(ValueTuple.Create(u.At, u.Id), ValueTuple.Create(at, id)));
            }

            return seek == Seek.Before ? q.OrderBy(u => u.At).ThenBy(u => u.Id) : q.OrderByDescending(u => u.At).ThenByDescending(u => u.Id);
        }, u => Cursor.Encode(u.At, u.Id), ct);
        // The filtered client's name with the rows' names, in one statement.
        var clientIds = page.Rows.Select(u => u.ClientId).OfType<Guid>();
        var names = await PickLists.ClientNamesAsync(db, ClientId is { } filtered ? clientIds.Append(filtered) : clientIds, ct);
        Rows = page.Rows.Select(u => new UseRow(u, u.ClientId is { } c ? names.GetValueOrDefault(c) : null)).ToList();
        Pager = Keyset.Links(page, ListPath, Filters());
        People = await PickLists.PeopleAsync(db, summaries, ct);
        ClientName = ClientId is { } id ? names.GetValueOrDefault(id) : null;
    }

    /// <summary>The filtered log as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese): the newest <see cref="ExportCap"/> lines.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var uses = await Filtered().OrderByDescending(u => u.At).ThenByDescending(u => u.Id).Take(ExportCap).ToListAsync(ct);
        var names = await PickLists.ClientNamesAsync(db, uses.Select(u => u.ClientId).OfType<Guid>(), ct);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[]
        {
            l["DossierUse.At"].Value, l["DossierUse.User"].Value, l["Warnings.Client"].Value, l["DossierUse.Kind"].Value, l["DossierUse.Basis"].Value,
            l["DossierUse.What"].Value, l["DossierUse.Address"].Value,
        }.Select(Csv)));
        foreach (var u in uses)
        {
            csv.AppendLine(string.Join(',', new[]
            {
                clock.Format(u.At, "yyyy-MM-dd HH:mm:ss"), u.UserName, u.ClientId is { } c ? names.GetValueOrDefault(c, "") : "", l.Enum(u.Kind), Basis(u.Right), u.What,
                u.RemoteAddress ?? "",
            }.Select(Csv)));
        }

        // The export is a use too: registered under the leader's right, for the client when the export is one client's.
        await dossier.RecordExportAsync(ClientId, DossierRight.Leader, string.Create(CultureInfo.InvariantCulture,
            $"use log export: {uses.Count} line(s){(UserId is null ? "" : ", one user")}{(Kind is null ? "" : $", {Kind}")}{(From is null ? "" : $", from {From:yyyy-MM-dd}")}{(To is null ? "" : $", to {To:yyyy-MM-dd}")}"), ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"dossier-use-{clock.Today:yyyyMMdd}.csv"));
    }

    /// <summary>The log of one user (a row's user link): a page lists a few users many times, so each link is made once.</summary>
    public string UserHref(string userId)
    {
        if (!_userHrefs.TryGetValue(userId, out var href))
        {
            href = Keyset.Href(ListPath, new Dictionary<string, string?>(StringComparer.Ordinal) { ["userId"] = userId });
            _userHrefs[userId] = href;
        }

        return href;
    }

    private readonly Dictionary<string, string> _userHrefs = new(StringComparer.Ordinal);

    /// <summary>The right as the log shows it: owner, department, leader, or the request's number.</summary>
    public string Basis(DossierRight right) =>
        right.Basis == DossierRightBasis.Request ? l["DossierUse.ByRequest", right.RequestNumber!].Value : l.Enum(right.Basis);

    public IReadOnlyDictionary<string, string?> Filters() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["clientId"] = ClientId?.ToString(),
        ["userId"] = UserId,
        ["kind"] = Kind?.ToString(),
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private IQueryable<Domain.Dossier.DossierUse> Filtered()
    {
        var query = db.DossierUses.AsNoTracking();
        if (ClientId is { } clientId)
        {
            query = query.Where(u => u.ClientId == clientId);
        }

        if (!string.IsNullOrEmpty(UserId))
        {
            query = query.Where(u => u.UserId == UserId);
        }

        if (Kind is { } kind)
        {
            query = query.Where(u => u.Kind == kind);
        }

        // A period is whole company days: from the start of the first to the start of the day after the last.
        if (From is { } from)
        {
            var start = clock.StartOf(from);
            query = query.Where(u => u.At >= start);
        }

        if (To is { } to)
        {
            var end = clock.StartOf(to.AddDays(1));
            query = query.Where(u => u.At < end);
        }

        return query;
    }

    /// <summary>
    /// A CSV field: quoted when it holds a separator, a quote or a line break; one that a spreadsheet would run as a formula
    /// (=, +, -, @) is quoted with a leading apostrophe (CSV injection).
    /// </summary>
    private static string Csv(string value)
    {
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@';
        return formula || value.IndexOfAny([',', '"', '\n', '\r']) >= 0
            ? "\"" + (formula ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}

/// <summary>A line of the log as listed, with its client's name.</summary>
public sealed record UseRow(Domain.Dossier.DossierUse Use, string? ClientName);
