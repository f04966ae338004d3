using System.Globalization;
using System.Text.Json;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Organisation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Localization;
using ClientCrm.Web.Pages.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Audit;

/// <summary>A value or a record as the log shows it: its text, and where it links to (a client, a project, a warning).</summary>
public sealed record Shown(string Text, string? Href = null, string? Note = null);

/// <summary>One changed field: the stored name (for tests and styles), its label, and the values before and after.</summary>
public sealed record AuditFieldLine(string Field, string Label, Shown? From, Shown? To, bool Redacted);

/// <summary>One line of the log as a leader reads it.</summary>
public sealed record AuditLine(long Id, DateTimeOffset At, string Actor, AuditAction Action, string EntityType, Shown? Record, Shown? Client,
    IReadOnlyList<AuditFieldLine> Changes);

/// <summary>
/// Turns stored audit entries into what a leader can read: fields named as the forms name them (<see cref="FieldLabels"/>),
/// values in the UI language (enum names, dates and times on the company's clock, yes/no, countries), people by display
/// name, departments by name, and clients and projects by name with a link. The names are read in one query per kind of
/// record for the whole page, never per row. Encrypted fields were never stored with a value, so none is shown.
/// </summary>
public static class AuditDisplay
{
    /// <summary>Texts longer than this (a warning's report) are cut in the list; the record itself has them whole.</summary>
    public const int MaxTextLength = 300;

    private enum Reference
    {
        None,
        Person,
        PersonByUserName,
        Department,
        Client,
        Project,
        Country,
        Role,
    }

    /// <summary>Fields that hold a sign-in name or a country code rather than a key (no foreign key says so).</summary>
    private static readonly Dictionary<(string Entity, string Field), Reference> Named = new()
    {
        [(nameof(ExchangeRate), nameof(ExchangeRate.EnteredBy))] = Reference.PersonByUserName,
        [(nameof(Client), nameof(Client.CountryCode))] = Reference.Country,
        [(nameof(CooperationProject), nameof(CooperationProject.WorkCountryCode))] = Reference.Country,
        [(nameof(CrmUser), "Role")] = Reference.Role,
    };

    private sealed record RawChange(string Field, JsonElement? From, JsonElement? To, bool Redacted);

    private sealed record Names(
        IReadOnlyDictionary<Guid, (string Name, string? ChineseName)> Clients,
        IReadOnlyDictionary<Guid, (Guid ClientId, string Name)> Projects,
        IReadOnlyDictionary<Guid, (Guid ClientId, string Name)> Principals,
        IReadOnlyDictionary<Guid, Guid> IncidentProjects);

    /// <summary>The page's lines, with the names of the clients, projects and principals they mention read in one query per kind.</summary>
    public static async Task<IReadOnlyList<AuditLine>> LinesAsync(CrmDbContext db, IReadOnlyList<AuditEntry> entries, People people,
        IReadOnlyList<(int Id, string Name)> departments, IStringLocalizer l, BusinessClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        var types = AuditedTypes(db.Model);
        var parsed = entries.Select(e => (Entry: e, Changes: Parse(e.ChangesJson))).ToList();

        // Every client, project, principal and incident the page mentions, by kind.
        var clientIds = new HashSet<Guid>();
        var projectIds = new HashSet<Guid>();
        var principalIds = new HashSet<Guid>();
        var incidentIds = new HashSet<Guid>();
        foreach (var (entry, changes) in parsed)
        {
            if (entry.ClientId is { } clientId)
            {
                clientIds.Add(clientId);
            }

            if (Guid.TryParse(entry.EntityId, out var entityId))
            {
                _ = entry.EntityType switch
                {
                    nameof(CooperationProject) => projectIds.Add(entityId),
                    nameof(Principal) => principalIds.Add(entityId),
                    nameof(WorkerIncident) => incidentIds.Add(entityId),
                    _ => false,
                };
            }

            foreach (var change in changes)
            {
                var reference = ReferenceOf(types, entry.EntityType, change.Field);
                foreach (var value in new[] { change.From, change.To })
                {
                    if (reference is Reference.Client or Reference.Project && Text(value) is { } text && Guid.TryParse(text, out var id))
                    {
                        (reference == Reference.Client ? clientIds : projectIds).Add(id);
                    }
                }
            }
        }

        var names = await ReadNamesAsync(db, clientIds, projectIds, principalIds, incidentIds, ct);
        var departmentNames = departments.ToDictionary(d => d.Id, d => d.Name);
        return parsed.Select(p => Line(p.Entry, p.Changes, types, names, people, departmentNames, l, clock)).ToList();
    }

    /// <summary>The audited kinds of record, by the name the log stores them under.</summary>
    public static IReadOnlyDictionary<string, IEntityType> AuditedTypes(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetEntityTypes()
            .Where(t => typeof(IAuditable).IsAssignableFrom(t.ClrType) && !t.IsOwned())
            .GroupBy(t => t.ClrType.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    private static async Task<Names> ReadNamesAsync(CrmDbContext db, HashSet<Guid> clientIds, HashSet<Guid> projectIds,
        HashSet<Guid> principalIds, HashSet<Guid> incidentIds, CancellationToken ct)
    {
        var incidents = new Dictionary<Guid, Guid>();
        if (incidentIds.Count > 0)
        {
            var ids = incidentIds.ToList();
            foreach (var i in await db.WorkerIncidents.AsNoTracking().Where(i => EF.MultipleParameters(ids).Contains(i.Id))
                         .Select(i => new { i.Id, i.ProjectId }).ToListAsync(ct))
            {
                incidents[i.Id] = i.ProjectId;
                projectIds.Add(i.ProjectId);
            }
        }

        var principals = new Dictionary<Guid, (Guid, string)>();
        if (principalIds.Count > 0)
        {
            var ids = principalIds.ToList();
            foreach (var p in await db.Principals.AsNoTracking().Where(p => EF.MultipleParameters(ids).Contains(p.Id))
                         .Select(p => new { p.Id, p.ClientId, p.Name }).ToListAsync(ct))
            {
                principals[p.Id] = (p.ClientId, p.Name);
            }
        }

        var projects = new Dictionary<Guid, (Guid, string)>();
        if (projectIds.Count > 0)
        {
            var ids = projectIds.ToList();
            foreach (var p in await db.CooperationProjects.AsNoTracking().Where(p => EF.MultipleParameters(ids).Contains(p.Id))
                         .Select(p => new { p.Id, p.ClientId, p.Name }).ToListAsync(ct))
            {
                projects[p.Id] = (p.ClientId, p.Name);
            }
        }

        var clients = new Dictionary<Guid, (string, string?)>();
        if (clientIds.Count > 0)
        {
            var ids = clientIds.ToList();
            foreach (var c in await db.Clients.AsNoTracking().Where(c => EF.MultipleParameters(ids).Contains(c.Id))
                         .Select(c => new { c.Id, c.Name, c.ChineseName }).ToListAsync(ct))
            {
                clients[c.Id] = (c.Name, c.ChineseName);
            }
        }

        return new Names(clients, projects, principals, incidents);
    }

    private static AuditLine Line(AuditEntry entry, List<RawChange> changes, IReadOnlyDictionary<string, IEntityType> types, Names names,
        People people, Dictionary<int, string> departments, IStringLocalizer l, BusinessClock clock)
    {
        var fields = changes
            .Where(c => !FieldLabels.IsRepeat(entry.EntityType, c.Field))
            .Select(c =>
            {
                var label = FieldLabels.Of(l, entry.EntityType, c.Field);
                if (c.Redacted)
                {
                    return new AuditFieldLine(c.Field, label, null, null, Redacted: true);
                }

                var property = types.TryGetValue(entry.EntityType, out var type) ? type.FindProperty(c.Field) : null;
                var reference = ReferenceOf(types, entry.EntityType, c.Field);
                return new AuditFieldLine(c.Field, label,
                    Value(c.From, property, reference, names, people, departments, l, clock),
                    Value(c.To, property, reference, names, people, departments, l, clock), Redacted: false);
            })
            .ToList();
        var client = entry.ClientId is { } clientId ? ClientShown(clientId, names) : null;
        return new AuditLine(entry.Id, entry.At, people.NameOf(l, entry.UserId, entry.UserName), entry.Action, entry.EntityType,
            RecordShown(entry, names, people, departments, l), client, fields);
    }

    /// <summary>The record a line is about, when it has a name of its own: a project, a principal, a user, a department; a warning links to itself.</summary>
    private static Shown? RecordShown(AuditEntry entry, Names names, People people, Dictionary<int, string> departments, IStringLocalizer l)
    {
        _ = Guid.TryParse(entry.EntityId, out var id);
        switch (entry.EntityType)
        {
            case nameof(CooperationProject):
                return ProjectShown(id, names);
            case nameof(WorkerIncident):
                return names.IncidentProjects.TryGetValue(id, out var projectId) ? ProjectShown(projectId, names) : null;
            case nameof(Principal):
                return names.Principals.TryGetValue(id, out var principal)
                    ? new Shown(principal.Name, $"/Clients/{principal.ClientId}")
                    : null;
            case nameof(Warning):
                return id == Guid.Empty ? null : new Shown(l["Common.View"].Value, $"/Warnings/{id}");
            case nameof(CrmUser):
                return people.ById(entry.EntityId) is { } person ? new Shown(person.DisplayName) : null;
            case nameof(Department):
                return int.TryParse(entry.EntityId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && departments.TryGetValue(d, out var name)
                    ? new Shown(name)
                    : null;
            default:
                return null;
        }
    }

    private static Shown? ClientShown(Guid id, Names names) =>
        names.Clients.TryGetValue(id, out var c) ? new Shown(c.Name, $"/Clients/{id}", c.ChineseName) : null;

    private static Shown? ProjectShown(Guid id, Names names) =>
        names.Projects.TryGetValue(id, out var p) ? new Shown(p.Name, $"/Clients/{p.ClientId}/Projects/{id}") : null;

    /// <summary>What a field refers to: another record (by its foreign key), a person by sign-in name, a country, a role.</summary>
    private static Reference ReferenceOf(IReadOnlyDictionary<string, IEntityType> types, string entity, string field)
    {
        if (Named.TryGetValue((entity, field), out var named))
        {
            return named;
        }

        var target = types.TryGetValue(entity, out var type) && type.FindProperty(field) is { } property
            ? property.GetContainingForeignKeys().FirstOrDefault()?.PrincipalEntityType.ClrType
            : null;
        return target switch
        {
            null => Reference.None,
            _ when target == typeof(CrmUser) => Reference.Person,
            _ when target == typeof(Department) => Reference.Department,
            _ when target == typeof(Client) => Reference.Client,
            _ when target == typeof(CooperationProject) => Reference.Project,
            _ => Reference.None,
        };
    }

    private static Shown? Value(JsonElement? value, IProperty? property, Reference reference, Names names, People people,
        Dictionary<int, string> departments, IStringLocalizer l, BusinessClock clock)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } v)
        {
            return null;
        }

        var text = Text(v) ?? "";
        switch (reference)
        {
            case Reference.Person:
                return new Shown(people.ById(text)?.DisplayName ?? text);
            case Reference.PersonByUserName:
                return new Shown(people.NameOf(l, null, text));
            case Reference.Department:
                return new Shown(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && departments.TryGetValue(d, out var dn) ? dn : text);
            case Reference.Client:
                return Guid.TryParse(text, out var c) ? ClientShown(c, names) ?? new Shown(text) : new Shown(text);
            case Reference.Project:
                return Guid.TryParse(text, out var p) ? ProjectShown(p, names) ?? new Shown(text) : new Shown(text);
            case Reference.Country:
                return new Shown(Labels.CountryName(text));
            case Reference.Role:
                return new Shown(Localized(l, $"Role.{text}") ?? text);
            default:
                break;
        }

        var clr = property is null ? null : Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return new Shown(clr switch
        {
            _ when v.ValueKind is JsonValueKind.True or JsonValueKind.False => l[v.GetBoolean() ? "Common.Yes" : "Common.No"].Value,
            { IsEnum: true } => Localized(l, $"Enum.{clr.Name}.{text}") ?? text,
            _ when clr == typeof(DateTimeOffset) =>
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? clock.Format(at) : text,
            _ when (clr == typeof(decimal) || clr == typeof(double)) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var number) =>
                number.ToString("#,##0.######", CultureInfo.CurrentCulture),
            _ when clr == typeof(IReadOnlyList<WarningFigure>) => Figures(l, v) ?? text,
            _ => Cut(text),
        });
    }

    private static string? Figures(IStringLocalizer l, JsonElement value)
    {
        try
        {
            return value.Deserialize<List<WarningFigure>>() is { } figures ? WarningDisplay.FiguresLine(l, figures) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Cut(string text) => text.Length <= MaxTextLength ? text : text[..MaxTextLength] + "…";

    private static string? Localized(IStringLocalizer l, string key)
    {
        var localized = l[key];
        return localized.ResourceNotFound ? null : localized.Value;
    }

    private static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    /// <summary>The stored changes: field → {"from", "to"}, or {"changed": true} for a field whose value is never logged.</summary>
    private static List<RawChange> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
            return fields is null
                ? []
                : fields.Where(f => f.Value.ValueKind == JsonValueKind.Object).Select(f =>
                {
                    var redacted = f.Value.TryGetProperty("changed", out _);
                    return new RawChange(f.Key,
                        redacted || !f.Value.TryGetProperty("from", out var from) ? null : from,
                        redacted || !f.Value.TryGetProperty("to", out var to) ? null : to,
                        redacted);
                }).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
