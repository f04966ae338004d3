using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Projects.Incidents;

/// <summary>A worker incident (境外劳务人员事件) as the record and edit forms post it.</summary>
public sealed class IncidentInput
{
    [Display(Name = "Incident.Type")] public IncidentType? Type { get; set; }
    [Display(Name = "Incident.OccurredOn")][DataType(DataType.Date)] public DateOnly? OccurredOn { get; set; }
    [Display(Name = "Incident.WorkersAffected")] public int? WorkersAffected { get; set; }
    [Display(Name = "Incident.Description")] public string? Description { get; set; }
    [Display(Name = "Incident.Status")] public IncidentStatus? Status { get; set; }
    [Display(Name = "Incident.HandlingRecord")] public string? HandlingRecord { get; set; }

    public IncidentDetails ToDetails() => new()
    {
        Type = Type!.Value,
        OccurredOn = OccurredOn!.Value,
        WorkersAffected = WorkersAffected ?? 0,
        Description = Description!,
        Status = Status ?? IncidentStatus.Open,
        HandlingRecord = HandlingRecord,
    };

    public static IncidentInput From(WorkerIncident i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new()
        {
            Type = i.Type, OccurredOn = i.OccurredOn, WorkersAffected = i.WorkersAffected, Description = i.Description,
            Status = i.Status, HandlingRecord = i.HandlingRecord,
        };
    }

    /// <summary>The form field a domain refusal belongs next to; empty for a refusal of the whole form.</summary>
    public static string FieldOf(string code) => code switch
    {
        "Incident.DescriptionRequired" => nameof(Description),
        "Incident.InFuture" => nameof(OccurredOn),
        "Incident.HandlingRequired" => nameof(HandlingRecord),
        "Project.NegativeWorkers" => nameof(WorkersAffected),
        _ => "",
    };
}

/// <summary>The rules of <see cref="WorkerIncident"/>, checked first so each message lands next to its field.</summary>
public sealed class IncidentInputValidator : AbstractValidator<IncidentInput>
{
    public IncidentInputValidator(IStringLocalizer<SharedResource> l, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(clock);
        RuleFor(x => x.Type).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        // Not after the company's today (the business clock's date, not the server's or UTC's).
        RuleFor(x => x.OccurredOn).NotNull()
            .Must(d => d is null || d.Value <= clock.Today).WithMessage(l["Incident.InFuture"])
            .Must(d => d is null || d.Value.Year >= 1980).WithMessage(l["Incident.DateTooEarly"]);
        RuleFor(x => x.WorkersAffected).NotNull().InclusiveBetween(0, 1_000_000);
        RuleFor(x => x.Description).NotEmpty().WithMessage(l["Incident.DescriptionRequired"]).MaximumLength(4000);
        RuleFor(x => x.Status).NotNull().WithMessage(l["Validation.Choose"]).IsInEnum();
        RuleFor(x => x.HandlingRecord).NotEmpty().When(x => x.Status == IncidentStatus.Resolved).WithMessage(l["Incident.HandlingRequired"]);
        RuleFor(x => x.HandlingRecord).MaximumLength(4000);
    }
}
