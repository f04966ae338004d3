using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Development.Seeding;

/// <summary>
/// The demo company's dossier documents (SPEC §6): every client has a few, stored encrypted like any upload. Clients in
/// operation or under evaluation have a valid business license and credit certificate (so the gate opens once their evaluation
/// is approved); a few licenses expire within the month (the to-do list's reminder), one client's credit certificate has expired
/// (the major-change warning) and one old license is archived. The files are small PDFs and PNGs built here.
/// </summary>
public static class DemoDocuments
{
    internal static async Task SeedAsync(CrmDbContext db, DocumentStore store, BusinessClock clock, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var people = await db.Users.Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var clients = await db.Clients.OrderBy(c => c.Name).ToListAsync(ct);
        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            var owner = new WorkflowActor(client.OwnerId, people.GetValueOrDefault(client.OwnerId, ""), Parties.AnyoneInScope | Parties.Owner);
            var received = today.AddDays(-200 - i);
            var documents = new List<(ClientDocument Document, byte[][] Files)>();
            // A prospect has only what it sent unasked: its license and certificate come with the evaluation.
            if (client.Status != ClientStatus.Prospect)
            {
                // Every fifth license runs out within the month; the rest are good for years.
                var licenseUntil = i % 5 == 1 ? today.AddDays(10 + i % 15) : today.AddYears(2).AddDays(i);
                documents.Add(Make(client, owner, DocumentType.BusinessLicense, CollectionMethod.FromClient, received, licenseUntil,
                    "营业执照副本 Business license copy", [Pdf($"Business license {client.Name}"), Png(i)], today, now));
            }

            if (client.Status is ClientStatus.Active or ClientStatus.Paused or ClientStatus.UnderEvaluation or ClientStatus.Terminated)
            {
                // One client's credit certificate has expired and not been replaced: the major-change warning's case.
                var creditUntil = i == 3 ? today.AddDays(-5) : today.AddYears(1).AddDays(i);
                documents.Add(Make(client, owner, DocumentType.CreditCertificate, CollectionMethod.OverseasOffice, received.AddDays(3), creditUntil,
                    "银行资信证明 Bank reference", [Pdf($"Credit certificate {client.Name}")], today, now));
            }

            var other = (i % 4) switch
            {
                0 => DocumentType.OperatingStatus,
                1 => DocumentType.DemandStatus,
                2 => DocumentType.ChinaPartners,
                _ => DocumentType.EmploymentApproval,
            };
            documents.Add(Make(client, owner, other, i % 2 == 0 ? CollectionMethod.ClientMaterials : CollectionMethod.EmbassyCounsellor,
                received.AddDays(10), null, null, [Pdf($"{other} {client.Name}")], today, now));

            if (i % 6 == 0)
            {
                // Replaced by the current one: archived, not deleted.
                var old = Make(client, owner, DocumentType.BusinessLicense, CollectionMethod.FromClient, received.AddYears(-2), received.AddDays(-1),
                    "旧营业执照 Previous license", [Png(i + 1)], today, now);
                old.Document.Archive(owner, "已换发新执照 Replaced by the renewed license", now.AddDays(-30));
                documents.Add(old);
            }

            foreach (var (document, files) in documents)
            {
                db.ClientDocuments.Add(document);
                await db.SaveChangesAsync(ct);
                foreach (var (file, bytes) in document.Files.Zip(files))
                {
                    using var content = new MemoryStream(bytes, writable: false);
                    await store.WriteAsync(file, content, ct);
                }
            }
        }
    }

    private static (ClientDocument Document, byte[][] Files) Make(Client client, WorkflowActor owner, DocumentType type, CollectionMethod method, DateOnly received,
        DateOnly? validUntil, string? notes, byte[][] files, DateOnly today, DateTimeOffset now)
    {
        var facts = files.Select((bytes, n) => new UploadedFileFacts($"{type}-{n + 1}.{(bytes[0] == (byte)'%' ? "pdf" : "png")}", bytes.Length,
            FileContent.Detect(bytes), System.Security.Cryptography.SHA256.HashData(bytes))).ToList();
        return (ClientDocument.Upload(client, owner, type, method, received, validUntil, notes, facts, long.MaxValue, today, now), files);
    }

    /// <summary>A one-page PDF showing <paramref name="text"/> (ASCII), with a correct cross-reference table.</summary>
    public static byte[] Pdf(string text)
    {
        var safe = new string(text.Where(c => c is >= ' ' and < (char)127 and not '(' and not ')' and not '\\').ToArray());
        var content = $"BT /F1 18 Tf 72 720 Td ({safe}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var n = 0; n < objects.Length; n++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{n + 1} 0 obj\n{objects[n]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A 64×48 PNG in a colour drawn from <paramref name="seed"/> (a "scan"), encoded by hand: signature, IHDR, IDAT, IEND.</summary>
    public static byte[] Png(int seed)
    {
        const int width = 64, height = 48;
        var (r, g, b) = ((byte)(80 + seed * 37 % 160), (byte)(80 + seed * 59 % 160), (byte)(80 + seed * 83 % 160));
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                var border = x < 2 || y < 2 || x >= width - 2 || y >= height - 2;
                raw[row + 1 + x * 3] = border ? (byte)0 : r;
                raw[row + 2 + x * 3] = border ? (byte)0 : g;
                raw[row + 3 + x * 3] = border ? (byte)0 : b;
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
