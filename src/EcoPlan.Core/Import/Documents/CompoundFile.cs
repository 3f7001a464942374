using System.Buffers.Binary;
using System.Text;

namespace EcoPlan.Core.Import.Documents;

/// <summary>What an OLE compound file (the container of .doc, .xls, .wps, .et and encrypted Office files) holds.</summary>
internal enum CompoundFileKind
{
    Unknown,

    /// <summary>A WordDocument stream: Word 97–2003 or WPS Writer text.</summary>
    Word,

    /// <summary>A Workbook or Book stream: Excel (BIFF) or WPS Spreadsheets.</summary>
    Workbook,

    /// <summary>EncryptionInfo/EncryptedPackage: a password-protected Office file (any kind).</summary>
    Encrypted,
}

/// <summary>
/// Reads the names in a compound file's directory (MS-CFB) to tell its kind by content, not by name. Bounded
/// against crafted files: sector numbers are checked, and the directory chain is followed at most as many
/// sectors as the file has.
/// </summary>
internal static class CompoundFile
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const int HeaderSize = 512;

    public static CompoundFileKind Kind(ReadOnlySpan<byte> bytes)
    {
        var names = StreamNames(bytes);
        if (names.Contains("EncryptedPackage") || names.Contains("EncryptionInfo"))
        {
            return CompoundFileKind.Encrypted;
        }

        if (names.Contains("WordDocument"))
        {
            return CompoundFileKind.Word;
        }

        return names.Contains("Workbook") || names.Contains("Book") ? CompoundFileKind.Workbook : CompoundFileKind.Unknown;
    }

    /// <summary>The names of the directory's entries, or none when the file is not a readable compound file.</summary>
    public static HashSet<string> StreamNames(ReadOnlySpan<byte> bytes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (bytes.Length < HeaderSize)
        {
            return names;
        }

        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x1E..]);
        if (sectorShift is not (9 or 12))
        {
            return names;
        }

        var sectorSize = 1 << sectorShift;
        var sectorCount = (bytes.Length - HeaderSize + sectorSize - 1) / sectorSize;
        var fat = ReadFat(bytes, sectorSize, sectorCount);
        var sector = BinaryPrimitives.ReadUInt32LittleEndian(bytes[0x30..]);
        for (var visited = 0; sector < sectorCount && visited < sectorCount; visited++)
        {
            var start = HeaderSize + ((int)sector * sectorSize);
            for (var entry = start; entry + 128 <= Math.Min(start + sectorSize, bytes.Length); entry += 128)
            {
                var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(entry + 0x40)..]);
                if (length is >= 2 and <= 64)
                {
                    names.Add(Encoding.Unicode.GetString(bytes.Slice(entry, length - 2)));
                }
            }

            sector = sector < fat.Count ? fat[(int)sector] : EndOfChain;
        }

        return names;
    }

    /// <summary>The sector allocation table: the FAT sectors the header lists (109), then those of the DIFAT chain.</summary>
    private static List<uint> ReadFat(ReadOnlySpan<byte> bytes, int sectorSize, int sectorCount)
    {
        var fatSectors = new List<uint>();
        for (var i = 0; i < 109; i++)
        {
            fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(bytes[(0x4C + (i * 4))..]));
        }

        var difat = BinaryPrimitives.ReadUInt32LittleEndian(bytes[0x44..]);
        for (var visited = 0; difat < sectorCount && visited < sectorCount; visited++)
        {
            var start = HeaderSize + ((int)difat * sectorSize);
            var end = Math.Min(start + sectorSize, bytes.Length);
            for (var at = start; at + 8 <= end; at += 4)
            {
                fatSectors.Add(BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]));
            }

            difat = end - start == sectorSize ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[(end - 4)..]) : EndOfChain;
        }

        var fat = new List<uint>();
        foreach (var fatSector in fatSectors.Where(s => s < sectorCount))
        {
            var start = HeaderSize + ((int)fatSector * sectorSize);
            for (var at = start; at + 4 <= Math.Min(start + sectorSize, bytes.Length); at += 4)
            {
                fat.Add(BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]));
            }
        }

        return fat;
    }
}
