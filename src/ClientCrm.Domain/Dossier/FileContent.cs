using System.Text;

namespace ClientCrm.Domain.Dossier;

/// <summary>
/// Tells a file's type from its first bytes (magic numbers), never from its name or the browser's content type: a renamed
/// executable stays an executable. Only the types a dossier takes are known; everything else is refused.
/// </summary>
public static class FileContent
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs at most (an OOXML zip names its first entry within these).</summary>
    public const int SniffLength = 4096;

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2Magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ContentTypesEntry = Encoding.ASCII.GetBytes("[Content_Types].xml");

    /// <summary>The type the bytes begin with; null when it is none a dossier accepts.</summary>
    public static FileContentKind? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PdfMagic))
        {
            return FileContentKind.Pdf;
        }

        if (head.StartsWith(JpegMagic))
        {
            return FileContentKind.Jpeg;
        }

        if (head.StartsWith(PngMagic))
        {
            return FileContentKind.Png;
        }

        if (head.StartsWith(Ole2Magic))
        {
            return FileContentKind.OfficeLegacy;
        }

        // Any zip is not enough (a zip can carry anything): an Office document names [Content_Types].xml among its first entries.
        if (head.StartsWith(ZipMagic) && head[..Math.Min(head.Length, SniffLength)].IndexOf(ContentTypesEntry) >= 0)
        {
            return FileContentKind.OfficeOpenXml;
        }

        return null;
    }

    /// <summary>
    /// The content type a file of this kind is stored and sent with. Office documents are told apart by their extension only
    /// once the bytes have shown them to be Office documents; any other name gets the generic type of the container.
    /// </summary>
    public static string ContentTypeOf(FileContentKind kind, string fileName) => (kind, Path.GetExtension(fileName ?? "").ToUpperInvariant()) switch
    {
        (FileContentKind.Pdf, _) => "application/pdf",
        (FileContentKind.Jpeg, _) => "image/jpeg",
        (FileContentKind.Png, _) => "image/png",
        (FileContentKind.OfficeOpenXml, ".DOCX") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (FileContentKind.OfficeOpenXml, ".XLSX") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (FileContentKind.OfficeOpenXml, ".PPTX") => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (FileContentKind.OfficeLegacy, ".DOC") => "application/msword",
        (FileContentKind.OfficeLegacy, ".XLS") => "application/vnd.ms-excel",
        (FileContentKind.OfficeLegacy, ".PPT") => "application/vnd.ms-powerpoint",
        _ => "application/octet-stream",
    };

    /// <summary>Only images and PDFs are shown inline (the browser renders them without running anything of the file's own).</summary>
    public static bool Previewable(FileContentKind kind) => kind is FileContentKind.Pdf or FileContentKind.Jpeg or FileContentKind.Png;
}
