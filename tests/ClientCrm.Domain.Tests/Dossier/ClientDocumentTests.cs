using System.Text;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Tests.Evaluations;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Tests.Dossier;

/// <summary>
/// A dossier document's rules (SPEC §6): who uploads and archives (owner, head, leader; never a colleague or a reader by
/// request), what an upload needs, that a bad file refuses the whole upload, that archiving needs a reason, and that only a
/// leader purges, and only an archived document.
/// </summary>
public sealed class ClientDocumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 3);
    private const long Max = 20L * 1024 * 1024;

    public enum Role
    {
        Colleague,
        Owner,
        Head,
        Leader,
    }

    private static WorkflowActor Actor(Role role) => new($"{role}-id", $"{role} Name", role switch
    {
        Role.Owner => Parties.AnyoneInScope | Parties.Owner,
        Role.Head => Parties.AnyoneInScope | Parties.DepartmentHead,
        Role.Leader => Parties.AnyoneInScope | Parties.Leader,
        _ => Parties.AnyoneInScope,
    });

    internal static UploadedFileFacts Pdf(string name = "license.pdf", long size = 1000) =>
        new(name, size, FileContentKind.Pdf, new byte[32]);

    private static ClientDocument Upload(Role role = Role.Owner, DocumentType? type = DocumentType.BusinessLicense, CollectionMethod? method = CollectionMethod.FromClient,
        DateOnly? received = null, DateOnly? validUntil = null, string? notes = null, IReadOnlyList<UploadedFileFacts>? files = null) =>
        ClientDocument.Upload(EvaluationFlowTests.NewClient(), Actor(role), type, method, received ?? Today.AddDays(-1), validUntil, notes,
            files ?? [Pdf()], Max, Today, Now);

    private static string Refusal(Action act) => Assert.Throws<DomainException>(act).Code;

    [Theory]
    [InlineData(Role.Owner, true)]
    [InlineData(Role.Head, true)]
    [InlineData(Role.Leader, true)]
    [InlineData(Role.Colleague, false)]
    public void The_owner_the_head_and_leaders_upload_and_nobody_else(Role role, bool allowed)
    {
        if (allowed)
        {
            var document = Upload(role);
            Assert.Equal($"{role} Name", document.UploadedByName);
            Assert.False(document.IsArchived);
        }
        else
        {
            Assert.Equal("Documents.NotAllowed", Refusal(() => Upload(role)));
        }
    }

    [Fact]
    public void An_upload_keeps_every_file_with_its_type_size_and_chunk_count()
    {
        var big = new UploadedFileFacts(@"C:\scans\page 2.png", ClientDocumentFile.ChunkSize * 2L + 1, FileContentKind.Png, new byte[32]);
        var document = Upload(files: [Pdf(), big], notes: "  副本  ");

        Assert.Equal(["license.pdf", "page 2.png"], document.Files.Select(f => f.FileName));
        Assert.Equal(["application/pdf", "image/png"], document.Files.Select(f => f.ContentType));
        Assert.Equal([1, 3], document.Files.Select(f => f.ChunkCount));
        Assert.Equal([1, 2], document.Files.Select(f => f.Position));
        Assert.All(document.Files, f => Assert.Equal(document.Id, f.DocumentId));
        Assert.Equal("副本", document.Notes);
    }

    [Fact]
    public void Each_missing_or_wrong_field_is_refused_next_to_it()
    {
        Assert.Equal("Documents.TypeRequired", Refusal(() => Upload(type: null)));
        Assert.Equal("Documents.TypeRequired", Refusal(() => Upload(type: (DocumentType)42)));
        Assert.Equal("Documents.CollectionMethodRequired", Refusal(() => Upload(method: null)));
        Assert.Equal("Documents.ReceivedInFuture", Refusal(() => Upload(received: Today.AddDays(1))));
        Assert.Equal("Documents.ValidBeforeReceived", Refusal(() => Upload(received: Today, validUntil: Today.AddDays(-1))));
        Assert.Equal("Documents.TextTooLong", Refusal(() => Upload(notes: new string('x', ClientDocument.MaxNotesLength + 1))));
        Assert.Equal(nameof(ClientDocument.ValidUntil),
            Assert.Throws<DomainException>(() => Upload(received: Today, validUntil: Today.AddDays(-1))).Field);
    }

    [Fact]
    public void A_document_valid_until_the_day_it_came_in_is_accepted()
    {
        Assert.Equal(Today, Upload(received: Today, validUntil: Today).ValidUntil);
    }

    [Fact]
    public void Empty_oversized_disguised_or_missing_files_refuse_the_whole_upload()
    {
        Assert.Equal("Documents.FileRequired", Refusal(() => Upload(files: [])));
        Assert.Equal("Documents.FileEmpty", Refusal(() => Upload(files: [Pdf(), Pdf("empty.pdf", 0)])));
        Assert.Equal("Documents.FileTooLarge", Refusal(() => Upload(files: [Pdf("big.pdf", Max + 1)])));
        Assert.Equal("Documents.FileTypeRefused", Refusal(() => Upload(files: [new UploadedFileFacts("setup.pdf", 100, null, new byte[32])])));
        Assert.Equal("Documents.TooManyFiles", Refusal(() => Upload(files: Enumerable.Range(0, ClientDocument.MaxFiles + 1).Select(_ => Pdf()).ToList())));
        Assert.Equal("Files", Assert.Throws<DomainException>(() => Upload(files: [Pdf("empty.pdf", 0)])).Field);
    }

    [Fact]
    public void A_file_of_exactly_the_limit_is_accepted()
    {
        Assert.Single(Upload(files: [Pdf("max.pdf", Max)]).Files);
    }

    [Theory]
    [InlineData(Role.Owner, true)]
    [InlineData(Role.Head, true)]
    [InlineData(Role.Leader, true)]
    [InlineData(Role.Colleague, false)]
    public void Archiving_needs_a_reason_and_the_owner_the_head_or_a_leader(Role role, bool allowed)
    {
        var document = Upload();
        if (!allowed)
        {
            Assert.Equal("Documents.NotAllowed", Refusal(() => document.Archive(Actor(role), "outdated", Now)));
            Assert.False(document.IsArchived);
            return;
        }

        Assert.Equal("Documents.ArchiveReasonRequired", Refusal(() => document.Archive(Actor(role), "  ", Now)));
        document.Archive(Actor(role), " 已换发新执照 ", Now);
        Assert.Equal((Now, "已换发新执照", $"{role} Name"), (document.ArchivedAt!.Value, document.ArchiveReason, document.ArchivedByName));
        Assert.Equal("Documents.AlreadyArchived", Refusal(() => document.Archive(Actor(role), "again", Now)));
    }

    [Theory]
    [InlineData(Role.Owner, true, "Documents.PurgeLeaderOnly")]
    [InlineData(Role.Head, true, "Documents.PurgeLeaderOnly")]
    [InlineData(Role.Colleague, true, "Documents.PurgeLeaderOnly")]
    [InlineData(Role.Leader, false, "Documents.PurgeArchivedOnly")]
    [InlineData(Role.Leader, true, null)]
    public void Only_a_leader_purges_and_only_an_archived_document(Role role, bool archived, string? refusal)
    {
        var document = Upload();
        if (archived)
        {
            document.Archive(Actor(Role.Owner), "outdated", Now);
        }

        if (refusal is null)
        {
            document.EnsurePurgeable(Actor(role));
        }
        else
        {
            Assert.Equal(refusal, Refusal(() => document.EnsurePurgeable(Actor(role))));
        }
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\a\\scan.pdf", "scan.pdf")]
    [InlineData("  ", "file")]
    [InlineData("a\u0001b.pdf", "ab.pdf")]
    public void File_names_lose_folders_and_control_characters(string given, string kept)
    {
        Assert.Equal(kept, ClientDocumentFile.CleanName(given));
    }

    [Fact]
    public void A_long_file_name_is_cut_keeping_its_extension()
    {
        var name = ClientDocumentFile.CleanName(new string('a', 400) + ".pdf");
        Assert.Equal(ClientDocument.MaxFileNameLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }
}

/// <summary>File types by content (magic bytes), never by name: the five kinds a dossier takes, and a renamed executable refused.</summary>
public sealed class FileContentTests
{
    private static byte[] Bytes(params byte[] head) => [.. head, .. new byte[64]];

    public static TheoryData<byte[], FileContentKind?> Samples() => new()
    {
        { Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ"), FileContentKind.Pdf },
        { Bytes(0xFF, 0xD8, 0xFF, 0xE0), FileContentKind.Jpeg },
        { Bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), FileContentKind.Png },
        { Bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), FileContentKind.OfficeLegacy },
        { [.. new byte[] { 0x50, 0x4B, 0x03, 0x04 }, .. new byte[26], .. Encoding.ASCII.GetBytes("[Content_Types].xml")], FileContentKind.OfficeOpenXml },
        // A zip that is not an Office document (could carry anything).
        { [.. new byte[] { 0x50, 0x4B, 0x03, 0x04 }, .. new byte[26], .. Encoding.ASCII.GetBytes("payload.exe")], null },
        // A Windows executable renamed .pdf.
        { Bytes(0x4D, 0x5A, 0x90, 0x00), null },
        { Encoding.ASCII.GetBytes("<html><script>alert(1)</script>"), null },
        { Encoding.ASCII.GetBytes("PDF-1.4 without the percent sign"), null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_type_is_told_by_the_first_bytes(byte[] head, FileContentKind? expected)
    {
        Assert.Equal(expected, FileContent.Detect(head));
    }

    [Theory]
    [InlineData(FileContentKind.Pdf, "x.exe", "application/pdf")]
    [InlineData(FileContentKind.Png, "x.pdf", "image/png")]
    [InlineData(FileContentKind.OfficeOpenXml, "report.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData(FileContentKind.OfficeOpenXml, "sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData(FileContentKind.OfficeOpenXml, "x.html", "application/octet-stream")]
    [InlineData(FileContentKind.OfficeLegacy, "old.xls", "application/vnd.ms-excel")]
    public void The_stored_type_comes_from_the_content_and_only_names_the_office_flavour(FileContentKind kind, string name, string type)
    {
        Assert.Equal(type, FileContent.ContentTypeOf(kind, name));
    }

    [Theory]
    [InlineData(FileContentKind.Pdf, true)]
    [InlineData(FileContentKind.Jpeg, true)]
    [InlineData(FileContentKind.Png, true)]
    [InlineData(FileContentKind.OfficeOpenXml, false)]
    [InlineData(FileContentKind.OfficeLegacy, false)]
    public void Only_images_and_pdfs_are_previewed(FileContentKind kind, bool previewable)
    {
        Assert.Equal(previewable, FileContent.Previewable(kind));
    }
}
