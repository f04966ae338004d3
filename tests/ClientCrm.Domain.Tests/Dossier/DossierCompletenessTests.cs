using ClientCrm.Domain.Dossier;

namespace ClientCrm.Domain.Tests.Dossier;

/// <summary>
/// When the registration is complete (SPEC §2, §6): a business license and a credit certificate, neither archived nor past its
/// valid-until day; when they count as expired (the warning) and when the 30-day reminder is due.
/// </summary>
public sealed class DossierCompletenessTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static DocumentStanding License(int? validDays = null, bool archived = false) =>
        new(DocumentType.BusinessLicense, validDays is { } d ? Today.AddDays(d) : null, archived);

    private static DocumentStanding Credit(int? validDays = null, bool archived = false) =>
        new(DocumentType.CreditCertificate, validDays is { } d ? Today.AddDays(d) : null, archived);

    [Fact]
    public void Nothing_on_file_misses_both()
    {
        Assert.Equal([DocumentType.BusinessLicense, DocumentType.CreditCertificate], DossierCompleteness.Missing([], Today));
        Assert.False(DossierCompleteness.IsComplete([], Today));
    }

    [Fact]
    public void A_license_and_a_certificate_without_an_end_or_valid_today_complete_it()
    {
        Assert.True(DossierCompleteness.IsComplete([License(), Credit(0)], Today));
    }

    [Theory]
    [InlineData(-1, false, DocumentType.CreditCertificate)]
    [InlineData(null, true, DocumentType.CreditCertificate)]
    public void An_expired_or_archived_certificate_does_not_count(int? validDays, bool archived, DocumentType missing)
    {
        Assert.Equal([missing], DossierCompleteness.Missing([License(), Credit(validDays, archived)], Today));
    }

    [Fact]
    public void Other_types_never_complete_it()
    {
        var others = Enum.GetValues<DocumentType>().Where(t => t is not (DocumentType.BusinessLicense or DocumentType.CreditCertificate))
            .Select(t => new DocumentStanding(t, null, false)).ToList();
        Assert.Equal(2, DossierCompleteness.Missing(others, Today).Count);
    }

    [Fact]
    public void A_renewed_license_beside_an_expired_one_completes_it_and_is_no_expiry()
    {
        DocumentStanding[] documents = [License(-10), License(300), Credit()];
        Assert.True(DossierCompleteness.IsComplete(documents, Today));
        Assert.Empty(DossierCompleteness.Expired(documents, Today));
    }

    [Fact]
    public void Expired_names_the_types_whose_every_current_document_is_past_its_day()
    {
        Assert.Equal([DocumentType.BusinessLicense], DossierCompleteness.Expired([License(-1), Credit(5)], Today));
        // Archived ones and types never on file are no expiry (the latter is an incomplete registration).
        Assert.Empty(DossierCompleteness.Expired([License(-1, archived: true)], Today));
        Assert.Empty(DossierCompleteness.Expired([new DocumentStanding(DocumentType.EmploymentApproval, Today.AddDays(-1), false)], Today));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void The_reminder_runs_the_30_days_before_the_end(int validDays, bool reminded)
    {
        Assert.Equal(reminded, DossierCompleteness.ExpiresSoon(License(validDays), Today));
        Assert.Equal(reminded, DossierCompleteness.ExpiresSoon(Credit(validDays), Today));
    }

    [Fact]
    public void No_reminder_for_archived_open_ended_or_unwatched_documents()
    {
        Assert.False(DossierCompleteness.ExpiresSoon(License(10, archived: true), Today));
        Assert.False(DossierCompleteness.ExpiresSoon(License(), Today));
        Assert.False(DossierCompleteness.ExpiresSoon(new DocumentStanding(DocumentType.Other, Today.AddDays(10), false), Today));
        Assert.Equal(Today, DossierCompleteness.RemindFrom(Today.AddDays(30)));
    }
}
