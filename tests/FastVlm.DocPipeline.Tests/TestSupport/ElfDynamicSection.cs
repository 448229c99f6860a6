using System.Buffers.Binary;
using System.Text;

namespace FastVlm.DocPipeline.Tests.TestSupport;

/// <summary>
/// Reads the <c>DT_NEEDED</c> entries (the shared libraries the dynamic linker must find) of a little-endian
/// ELF64 file: program headers → <c>PT_DYNAMIC</c> → its entries → names in <c>DT_STRTAB</c>, whose address is
/// mapped to a file offset through the <c>PT_LOAD</c> segments. Reads only those parts of the file.
/// </summary>
internal static class ElfDynamicSection
{
    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const long DtNull = 0;
    private const long DtNeeded = 1;
    private const long DtStrtab = 5;
    private const long DtStrsz = 10;

    public static IReadOnlyList<string> ReadNeeded(string path)
    {
        using var file = File.OpenRead(path);
        var header = Read(file, 0, 64);
        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            throw new InvalidDataException($"{path} is not an ELF file.");
        }

        if (header[4] != 2 || header[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a little-endian 64-bit ELF file.");
        }

        var programHeaders = (long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(0x20));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x38));
        var loads = new List<(ulong Address, ulong Offset, ulong Size)>();
        (long Offset, long Size)? dynamic = null;
        for (var i = 0; i < count; i++)
        {
            var ph = Read(file, programHeaders + (i * entrySize), 56);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(ph);
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(ph.AsSpan(8));
            var address = BinaryPrimitives.ReadUInt64LittleEndian(ph.AsSpan(16));
            var fileSize = BinaryPrimitives.ReadUInt64LittleEndian(ph.AsSpan(32));
            if (type == PtLoad)
            {
                loads.Add((address, offset, fileSize));
            }
            else if (type == PtDynamic)
            {
                dynamic = ((long)offset, (long)fileSize);
            }
        }

        if (dynamic is not { } section)
        {
            return [];
        }

        var entries = Read(file, section.Offset, (int)section.Size);
        var needed = new List<ulong>();
        ulong? strtab = null;
        ulong strsz = 0;
        for (var at = 0; at + 16 <= entries.Length; at += 16)
        {
            var tag = BinaryPrimitives.ReadInt64LittleEndian(entries.AsSpan(at));
            var value = BinaryPrimitives.ReadUInt64LittleEndian(entries.AsSpan(at + 8));
            if (tag == DtNull)
            {
                break;
            }

            switch (tag)
            {
                case DtNeeded: needed.Add(value); break;
                case DtStrtab: strtab = value; break;
                case DtStrsz: strsz = value; break;
            }
        }

        if (strtab is not { } tableAddress)
        {
            throw new InvalidDataException($"{path} has a dynamic section without DT_STRTAB.");
        }

        var segment = loads.Single(l => tableAddress >= l.Address && tableAddress < l.Address + l.Size);
        var strings = Read(file, (long)(tableAddress - segment.Address + segment.Offset), (int)strsz);
        return needed.Select(offset => CString(strings, (int)offset)).ToArray();
    }

    private static string CString(byte[] table, int offset)
    {
        var end = Array.IndexOf(table, (byte)0, offset);
        return Encoding.UTF8.GetString(table, offset, end - offset);
    }

    private static byte[] Read(FileStream file, long offset, int length)
    {
        var buffer = new byte[length];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }
}
