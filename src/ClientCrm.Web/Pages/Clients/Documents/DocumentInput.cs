using System.ComponentModel.DataAnnotations;
using ClientCrm.Domain.Dossier;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>What the upload form posts besides its files, named as the domain names it (<see cref="ClientDocument"/>).</summary>
public sealed class DocumentInput
{
    [Display(Name = "Documents.Type")] public DocumentType? Type { get; set; }
    [Display(Name = "Documents.CollectionMethod")] public CollectionMethod? CollectionMethod { get; set; }
    [Display(Name = "Documents.ReceivedOn")] public DateOnly? ReceivedOn { get; set; }
    [Display(Name = "Documents.ValidUntil")] public DateOnly? ValidUntil { get; set; }
    [Display(Name = "Documents.Notes")] public string? Notes { get; set; }
}

/// <summary>Lengths, dates and choices, checked before the domain sees them; the files are checked by their content on upload.</summary>
public sealed class DocumentInputValidator : AbstractValidator<DocumentInput>
{
    public DocumentInputValidator(IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        RuleFor(i => i.Type).NotNull().IsInEnum().WithMessage(_ => l["Documents.TypeRequired"]);
        RuleFor(i => i.CollectionMethod).NotNull().IsInEnum().WithMessage(_ => l["Documents.CollectionMethodRequired"]);
        RuleFor(i => i.ReceivedOn).NotNull().WithMessage(_ => l["Documents.ReceivedOnRequired"])
            .InclusiveBetween(new DateOnly(1980, 1, 1), new DateOnly(2099, 12, 31)).WithMessage(_ => l["Documents.DateOutOfRange"]);
        RuleFor(i => i.ValidUntil).InclusiveBetween(new DateOnly(1980, 1, 1), new DateOnly(2199, 12, 31)).WithMessage(_ => l["Documents.DateOutOfRange"]);
        RuleFor(i => i.Notes).MaximumLength(ClientDocument.MaxNotesLength).WithMessage(_ => l["Validation.MaxLength", ClientDocument.MaxNotesLength]);
    }
}
