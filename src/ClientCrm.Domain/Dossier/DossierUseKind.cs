namespace ClientCrm.Domain.Dossier;

/// <summary>What a line of the use log (使用登记, SPEC §6) records: a view of the card, of its principals, of a document, a download, an export.</summary>
public enum DossierUseKind
{
    CardViewed = 1,
    PrincipalsViewed = 2,
    DocumentViewed = 3,
    DocumentDownloaded = 4,
    Exported = 5,
}
