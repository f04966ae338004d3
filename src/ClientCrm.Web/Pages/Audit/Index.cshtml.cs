using System.Text.Json;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Audit;

public sealed record AuditRow(long Id, DateTimeOffset At, string? UserName, string EntityType, string EntityId, Guid? ClientId,
    AuditAction Action, IReadOnlyList<AuditChange> Changes);

public sealed record AuditChange(string Field, string? From, string? To, bool Redacted);

/// <summary>The audit log for leaders: who changed what and when, newest first, filtered in the database.</summary>
public sealed class IndexModel(CrmDbContext db, BusinessClock clock) : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid? ClientId { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }

    /// <summary>Every kind of record the audit log can hold: the audited entities of the model.</summary>
    public IReadOnlyList<string> EntityTypes => db.Model.GetEntityTypes()
        .Where(t => typeof(Domain.Common.IAuditable).IsAssignableFrom(t.ClrType))
        .Select(t => t.ClrType.Name).Order(StringComparer.Ordinal).ToList();
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public Tally Total { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);
    public string? ClientName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (ClientId is { } clientId)
        {
            query = query.Where(a => a.ClientId == clientId);
            ClientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        }

        if (!string.IsNullOrWhiteSpace(UserName))
        {
            query = query.Where(a => a.UserName == UserName.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Entity))
        {
            query = query.Where(a => a.EntityType == Entity.Trim());
        }

        // The period is in the company's days: from the start of the first to the start of the day after the last.
        if (From is { } from)
        {
            var start = clock.StartOf(from);
            query = query.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = clock.StartOf(to.AddDays(1));
            query = query.Where(a => a.At < end);
        }

        Total = await query.TallyAsync(ct);
        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Number(1));
            return c;
        });
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek => NewestFirst(query, cursor, seek),
            a => Cursor.Encode(a.At, a.Id), ct);
        Rows = page.Rows.Select(a => new AuditRow(a.Id, a.At, a.UserName, a.EntityType, a.EntityId, a.ClientId, a.Action, Parse(a.ChangesJson))).ToList();
        Pager = Keyset.Links(page, ListPath, RouteWith());
    }

    /// <summary>Newest first by (At, Id), the index every filter of the log ends in; past the cursor, or before it going back.</summary>
    private static IQueryable<AuditEntry> NewestFirst(IQueryable<AuditEntry> query, Cursor? cursor, Seek seek)
    {
        if (cursor is not null && seek != Seek.First)
        {
            var (at, id) = (cursor.Time(0), cursor.Number(1));
            return seek == Seek.After
                ? query.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.At, a.Id), ValueTuple.Create(at, id)))
                    .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                : query.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.At, a.Id), ValueTuple.Create(at, id)))
                    .OrderBy(a => a.At).ThenBy(a => a.Id);
        }

        return query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
    }

    public Dictionary<string, string?> RouteWith() => new(StringComparer.Ordinal)
    {
        ["clientId"] = ClientId?.ToString(),
        ["user"] = UserName,
        ["entity"] = Entity,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static List<AuditChange> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().Select(p =>
        {
            var redacted = p.Value.TryGetProperty("changed", out _);
            return new AuditChange(p.Name,
                redacted ? null : Text(p.Value, "from"),
                redacted ? null : Text(p.Value, "to"),
                redacted);
        }).ToList();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;
}
