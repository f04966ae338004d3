using System.Globalization;
using System.Text;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Accountability;

/// <summary>A countermeasure as the report form posts it: every part may be missing until <see cref="AccountabilityReport.Check"/>.</summary>
public sealed record CountermeasureDraft(string? Action, string? OwnerName, DateOnly? DueOn);

/// <summary>A person concerned as the report form posts it; <paramref name="Penalty"/> is the leaders' list entry chosen, if any.</summary>
public sealed record PersonConcernedDraft(string? Name, PersonConcernedRole? Role, AccountabilityPenalty? Penalty);

/// <summary>
/// The department's written report (书面报告): the course of events and the causes, what kind of cause, and what follows
/// from it. A market factor needs at least one countermeasure with its owner and due date; a work error at least one
/// person concerned with a penalty proposed from the leaders' list. Rows of a kind the report does not claim are refused
/// rather than dropped, so nothing typed disappears unseen.
/// </summary>
public sealed record AccountabilityReport(string? CourseOfEvents, string? Causes, AccountabilityCauseKind CauseKind,
    IReadOnlyList<CountermeasureDraft> Countermeasures, IReadOnlyList<PersonConcernedDraft> Persons)
{
    /// <summary>The report with its texts trimmed, or the first thing wrong with it, named by its field (rows as <c>Persons[2].Name</c>).</summary>
    public AccountabilityReport Check()
    {
        var course = AccountabilityCase.Required(CourseOfEvents, "Accountability.CourseOfEventsRequired", nameof(CourseOfEvents));
        var causes = AccountabilityCase.Required(Causes, "Accountability.CausesRequired", nameof(Causes));
        if (CauseKind == AccountabilityCauseKind.None || (CauseKind & ~(AccountabilityCauseKind.Market | AccountabilityCauseKind.WorkError)) != 0)
        {
            throw new DomainException("Accountability.CauseKindRequired", "Say whether a market factor, a work error or both caused it.", nameof(CauseKind));
        }

        var market = CauseKind.HasFlag(AccountabilityCauseKind.Market);
        var workError = CauseKind.HasFlag(AccountabilityCauseKind.WorkError);
        var measures = Rows(Countermeasures, market, "Accountability.CountermeasureRequired", "Accountability.CountermeasuresNeedMarket",
            nameof(Countermeasures), CheckMeasure);
        var persons = Rows(Persons, workError, "Accountability.PersonRequired", "Accountability.PersonsNeedWorkError", nameof(Persons), CheckPerson);
        return new(course, causes, CauseKind, measures, persons);
    }

    /// <summary>What the timeline keeps of this round of the report (the rows may be replaced by a later round).</summary>
    public string Summary()
    {
        var text = new StringBuilder().Append(CourseOfEvents).Append("\n\n").Append(Causes);
        foreach (var m in Countermeasures)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n• {m.Action} — {m.OwnerName}, {m.DueOn:yyyy-MM-dd}");
        }

        foreach (var p in Persons)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n• {p.Name} ({(p.Role == PersonConcernedRole.Party ? "当事人" : "责任人")}) — {p.Penalty?.ChineseName}");
        }

        return text.ToString();
    }

    private static List<T> Rows<T>(IReadOnlyList<T>? rows, bool needed, string requiredCode, string unwantedCode, string field, Func<T, int, T> check)
    {
        var list = rows ?? [];
        if (list.Count > AccountabilityCase.MaxRows)
        {
            throw new DomainException("Accountability.TooManyRows", "Too many rows.", field);
        }

        if (!needed)
        {
            return list.Count == 0 ? [] : throw new DomainException(unwantedCode, "These rows belong to another kind of cause.", field);
        }

        return list.Count == 0 ? throw new DomainException(requiredCode, "At least one row is required.", field) : list.Select(check).ToList();
    }

    private static CountermeasureDraft CheckMeasure(CountermeasureDraft m, int i) => new(
        AccountabilityCase.Required(m.Action, "Accountability.CountermeasureActionRequired", $"{nameof(Countermeasures)}[{i}].{nameof(m.Action)}"),
        AccountabilityCase.Required(m.OwnerName, "Accountability.CountermeasureOwnerRequired", $"{nameof(Countermeasures)}[{i}].{nameof(m.OwnerName)}",
            AccountabilityCase.MaxNameLength),
        m.DueOn ?? throw new DomainException("Accountability.CountermeasureDueRequired", "Give the due date.", $"{nameof(Countermeasures)}[{i}].{nameof(m.DueOn)}"));

    private static PersonConcernedDraft CheckPerson(PersonConcernedDraft p, int i)
    {
        var name = AccountabilityCase.Required(p.Name, "Accountability.PersonNameRequired", $"{nameof(Persons)}[{i}].{nameof(p.Name)}", AccountabilityCase.MaxNameLength);
        if (p.Role is not { } role || !Enum.IsDefined(role))
        {
            throw new DomainException("Accountability.PersonRoleRequired", "Say whether the person made the error or is responsible for it.",
                $"{nameof(Persons)}[{i}].{nameof(p.Role)}");
        }

        if (p.Penalty is not { IsActive: true })
        {
            throw new DomainException("Accountability.PenaltyRequired", "Choose a penalty from the list.", $"{nameof(Persons)}[{i}].{nameof(p.Penalty)}");
        }

        return new(name, role, p.Penalty);
    }
}

/// <summary>A countermeasure to a market factor (应对措施): what is done, by whom, by when; marked done once it is.</summary>
public class Countermeasure : IClientRecordLine
{
    private Countermeasure() { }

    internal Countermeasure(Guid caseId, int position, string action, string ownerName, DateOnly dueOn)
    {
        Id = Guid.CreateVersion7();
        CaseId = caseId;
        Position = position;
        Action = action;
        OwnerName = ownerName;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }

    Guid IClientRecordLine.RecordId => CaseId;

    public AccountabilityCase? Case { get; private set; }

    /// <summary>The row's place in the report, from 1.</summary>
    public int Position { get; private set; }

    public string Action { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
}

/// <summary>A person concerned in a work error (当事人 or 责任人) and the penalty the department proposes (as named when proposed).</summary>
public class PersonConcerned : IClientRecordLine
{
    private PersonConcerned() { }

    internal PersonConcerned(Guid caseId, int position, string name, PersonConcernedRole role, AccountabilityPenalty penalty)
    {
        Id = Guid.CreateVersion7();
        CaseId = caseId;
        Position = position;
        Name = name;
        Role = role;
        PenaltyId = penalty.Id;
        PenaltyName = penalty.ChineseName;
        PenaltyEnglishName = penalty.EnglishName;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }

    Guid IClientRecordLine.RecordId => CaseId;

    public AccountabilityCase? Case { get; private set; }
    public int Position { get; private set; }
    public string Name { get; private set; } = "";
    public PersonConcernedRole Role { get; private set; }
    public int PenaltyId { get; private set; }
    public string PenaltyName { get; private set; } = "";
    public string PenaltyEnglishName { get; private set; } = "";
}
