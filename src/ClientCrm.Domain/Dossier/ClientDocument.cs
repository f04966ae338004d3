using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.Dossier;

/// <summary>What the upload form found out about one file before anything is stored: its name, size, type by content and hash.</summary>
public sealed record UploadedFileFacts(string? FileName, long Size, FileContentKind? Kind, byte[] Sha256);

/// <summary>
/// A dossier document of a client (客户档案资料, SPEC §6): its type, how it was collected, when it came in and until when it
/// is valid, notes, and one or more files (scans of pages). Outdated documents are archived with a reason, never deleted by
/// their users; only a leader purges an archived one (the audit log keeps the deletion). The files' bytes are stored
/// encrypted in chunks by Infrastructure; this record holds what is known of them.
/// </summary>
public class ClientDocument : RecordsDomainEvents, IClientRecord, IAuditable
{
    public const int MaxNotesLength = 4000;
    public const int MaxReasonLength = 1000;
    public const int MaxFileNameLength = 255;
    public const int MaxFiles = 10;

    /// <summary>Who uploads and archives documents: whoever works with the client in the normal scope (a granted request only reads).</summary>
    public const Parties ChangedBy = Parties.Owner | Parties.DepartmentHead | Parties.Leader;

    private readonly List<ClientDocumentFile> _files = [];

    private ClientDocument() { }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public DocumentType Type { get; private set; }
    public CollectionMethod CollectionMethod { get; private set; }
    public DateOnly ReceivedOn { get; private set; }

    /// <summary>The last day the document is valid; none for documents that do not expire.</summary>
    public DateOnly? ValidUntil { get; private set; }

    /// <summary>Confidential (encrypted at rest, like the card's notes).</summary>
    public string? Notes { get; private set; }

    public string UploadedById { get; private set; } = "";
    public string UploadedByName { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }
    public string? ArchivedByName { get; private set; }
    public string? ArchiveReason { get; private set; }

    /// <summary>The valid-until day the 30-day reminder was sent for, so the daily job tells once per expiry.</summary>
    public DateOnly? ExpiryNoticeFor { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<ClientDocumentFile> Files => _files;

    public bool IsArchived => ArchivedAt is not null;

    public static ClientDocument Upload(Client client, WorkflowActor actor, DocumentType? type, CollectionMethod? method, DateOnly? receivedOn,
        DateOnly? validUntil, string? notes, IReadOnlyList<UploadedFileFacts> files, long maxFileBytes, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(files);
        EnsureMayChange(actor);
        if (type is not { } t || !Enum.IsDefined(t))
        {
            throw new DomainException("Documents.TypeRequired", "Choose the type of document.", nameof(Type));
        }

        if (method is not { } m || !Enum.IsDefined(m))
        {
            throw new DomainException("Documents.CollectionMethodRequired", "Choose how the document was collected.", nameof(CollectionMethod));
        }

        if (receivedOn is not { } received)
        {
            throw new DomainException("Documents.ReceivedOnRequired", "Enter the day the document was received.", nameof(ReceivedOn));
        }

        if (received > today)
        {
            throw new DomainException("Documents.ReceivedInFuture", "A document cannot be received after today.", nameof(ReceivedOn));
        }

        if (validUntil < received)
        {
            throw new DomainException("Documents.ValidBeforeReceived", "The document cannot expire before it was received.", nameof(ValidUntil));
        }

        var cleanNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (cleanNotes?.Length > MaxNotesLength)
        {
            throw new DomainException("Documents.TextTooLong", "The text is too long.", nameof(Notes));
        }

        CheckFiles(files, maxFileBytes);
        var document = new ClientDocument
        {
            Id = Guid.CreateVersion7(now),
            ClientId = client.Id,
            Type = t,
            CollectionMethod = m,
            ReceivedOn = received,
            ValidUntil = validUntil,
            Notes = cleanNotes,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
            UploadedAt = now,
            UpdatedAt = now,
        };
        foreach (var file in files)
        {
            document._files.Add(ClientDocumentFile.For(document.Id, document._files.Count + 1, file, now));
        }

        return document;
    }

    /// <summary>
    /// Every file must be a type the dossier takes (by content), not empty and within the size limit. Checked before anything is
    /// stored, so one bad file refuses the whole upload; the refusal names the file.
    /// </summary>
    public static void CheckFiles(IReadOnlyList<UploadedFileFacts> files, long maxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new DomainException("Documents.FileRequired", "Choose at least one file.", nameof(Files));
        }

        if (files.Count > MaxFiles)
        {
            throw new DomainException("Documents.TooManyFiles", $"At most {MaxFiles} files per document.", nameof(Files));
        }

        foreach (var file in files)
        {
            if (file.Size <= 0)
            {
                throw new DomainException("Documents.FileEmpty", $"The file {file.FileName} is empty.", nameof(Files));
            }

            if (file.Size > maxFileBytes)
            {
                throw new DomainException("Documents.FileTooLarge", $"The file {file.FileName} is larger than the limit of {maxFileBytes} bytes.", nameof(Files));
            }

            if (file.Kind is null)
            {
                throw new DomainException("Documents.FileTypeRefused", $"The file {file.FileName} is not a PDF, JPEG, PNG or Office document.", nameof(Files));
            }
        }
    }

    /// <summary>An outdated document leaves the current dossier; it stays listed as archived with the reason.</summary>
    public void Archive(WorkflowActor actor, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureMayChange(actor);
        if (IsArchived)
        {
            throw new DomainException("Documents.AlreadyArchived", "The document is archived already.");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is null)
        {
            throw new DomainException("Documents.ArchiveReasonRequired", "Give the reason the document is archived.", nameof(ArchiveReason));
        }

        if (why.Length > MaxReasonLength)
        {
            throw new DomainException("Documents.TextTooLong", "The text is too long.", nameof(ArchiveReason));
        }

        ArchivedAt = now;
        ArchivedByName = actor.Name;
        ArchiveReason = why;
        UpdatedAt = now;
    }

    /// <summary>Whether <paramref name="actor"/> may purge this document: only a leader, and only once it is archived.</summary>
    public void EnsurePurgeable(WorkflowActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is.HasFlag(Parties.Leader))
        {
            throw new DomainException("Documents.PurgeLeaderOnly", "Only a leader purges a document.");
        }

        if (!IsArchived)
        {
            throw new DomainException("Documents.PurgeArchivedOnly", "Only an archived document can be purged.");
        }
    }

    /// <summary>The daily reminder job told the owner of the coming expiry.</summary>
    public void ExpiryNoticeSent(DateTimeOffset now)
    {
        ExpiryNoticeFor = ValidUntil;
        UpdatedAt = now;
    }

    private static void EnsureMayChange(WorkflowActor actor)
    {
        if ((actor.Is & ChangedBy) == 0)
        {
            throw new DomainException("Documents.NotAllowed", "Only the client's owner, its department head or a leader changes its documents.");
        }
    }
}

/// <summary>One file of a document: its name as uploaded, its type as its bytes showed, its size and SHA-256.</summary>
public class ClientDocumentFile : IClientRecordLine
{
    /// <summary>
    /// Plaintext bytes per stored chunk. Each chunk is sealed on its own, so neither upload nor download holds more than a
    /// chunk of a file in memory. Kept per file (<see cref="ChunkCount"/>), so a later change of the size reads old files still.
    /// </summary>
    public const int ChunkSize = 512 * 1024;

    private ClientDocumentFile() { }

    public Guid Id { get; private set; }
    public Guid DocumentId { get; private set; }
    public ClientDocument? Document { get; private set; }
    public string FileName { get; private set; } = "";

    /// <summary>The file's place in the document (1, 2, …): the order the pages were chosen in.</summary>
    public int Position { get; private set; }

    public FileContentKind ContentKind { get; private set; }
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public byte[] Sha256 { get; private set; } = [];
    public int ChunkCount { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    Guid IClientRecordLine.RecordId => DocumentId;

    public bool Previewable => FileContent.Previewable(ContentKind);

    internal static ClientDocumentFile For(Guid documentId, int position, UploadedFileFacts facts, DateTimeOffset now)
    {
        var name = CleanName(facts.FileName);
        return new()
        {
            Id = Guid.CreateVersion7(now),
            DocumentId = documentId,
            Position = position,
            FileName = name,
            ContentKind = facts.Kind!.Value,
            ContentType = FileContent.ContentTypeOf(facts.Kind.Value, name),
            Size = facts.Size,
            Sha256 = facts.Sha256,
            ChunkCount = (int)((facts.Size + ChunkSize - 1) / ChunkSize),
            UploadedAt = now,
        };
    }

    /// <summary>The name without any folder a browser sent and without control characters, at most 255 characters, keeping the extension.</summary>
    public static string CleanName(string? fileName)
    {
        var name = new string(Path.GetFileName((fileName ?? "").Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            return "file";
        }

        if (name.Length <= ClientDocument.MaxFileNameLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        extension = extension.Length > 16 ? "" : extension;
        return name[..(ClientDocument.MaxFileNameLength - extension.Length)] + extension;
    }
}
