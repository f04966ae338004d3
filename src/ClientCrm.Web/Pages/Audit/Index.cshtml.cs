using System.Text.Json;
using ClientCrm.Domain.Auditing;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Audit;

public sealed record AuditRow(long Id, DateTimeOffset At, string? UserName, string EntityType, string EntityId, Guid? ClientId,
    AuditAction Action, IReadOnlyList<AuditChange> Changes);

public sealed record AuditChange(string Field, string? From, string? To, bool Redacted);

/// <summary>The audit log for leaders: who changed what and when, newest first, filtered in the database.</summary>
public sealed class IndexModel(CrmDbContext db) : PageModel
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
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string? ClientName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
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

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }

        Total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = page.Select(a => new AuditRow(a.Id, a.At, a.UserName, a.EntityType, a.EntityId, a.ClientId, a.Action, Parse(a.ChangesJson))).ToList();
    }

    public Dictionary<string, string?> RouteWith(int page) => new(StringComparer.Ordinal)
    {
        ["clientId"] = ClientId?.ToString(),
        ["user"] = UserName,
        ["entity"] = Entity,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
