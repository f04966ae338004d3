using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Warnings;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Warnings;

/// <summary>
/// Files a warning by hand on a client in scope (SPEC §7: conversion, relocation, near-bankruptcy, turning to another
/// company, tension on site). Who is told of it (the department's heads, the leaders when it is high, the owner) is the
/// outbox's work after the save (<c>FiledWarningNotices</c>).
/// </summary>
public sealed class FileModel(CrmDbContext db, ICurrentActor actor, IValidator<FileWarningInput> validator,
    IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    [BindProperty] public FileWarningInput Input { get; set; } = new();

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return NotFound();
        }

        (ClientId, ClientName) = (client.Id, client.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return NotFound();
        }

        (ClientId, ClientName) = (client.Id, client.Name);
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        var filer = WarningPeople.Actor(actor, User);
        var warning = Warning.File(client, Input.Family ?? default, Input.Summary, Input.Report, filer, now);
        db.Warnings.Add(warning);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Warnings.Filed"].Value;
        return RedirectToPage("/Warnings/Details", new { id = warning.Id });
    }
}
