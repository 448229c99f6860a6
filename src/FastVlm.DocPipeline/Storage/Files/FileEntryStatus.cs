using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>
/// The kind and identity (device and inode) of a path with symbolic links followed. On Linux this is
/// <c>statx(2)</c>, whose result layout is the same on every architecture; elsewhere the kind comes from
/// the managed file APIs and the identity is the fully resolved path.
/// </summary>
public readonly record struct FileEntryStatus(FileEntryKind Kind, string Identity)
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int InodeOffset = 32;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    public bool IsRegularFile => Kind == FileEntryKind.RegularFile;

    /// <summary>A short description for messages: "a FIFO (named pipe)", "a character device", ….</summary>
    public static string Describe(FileEntryKind kind) => kind switch
    {
        FileEntryKind.RegularFile => "a regular file",
        FileEntryKind.Directory => "a folder",
        FileEntryKind.Fifo => "a FIFO (named pipe)",
        FileEntryKind.CharacterDevice => "a character device",
        FileEntryKind.BlockDevice => "a block device",
        FileEntryKind.Socket => "a socket",
        FileEntryKind.Missing => "missing",
        _ => "not readable",
    };

    public static FileEntryStatus Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return OperatingSystem.IsLinux() ? OfLinux(path) : OfManaged(path);
    }

    private static unsafe FileEntryStatus OfLinux(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType | StatxIno, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            const int ENOENT = 2, ENOTDIR = 20;
            return new FileEntryStatus(errno is ENOENT or ENOTDIR ? FileEntryKind.Missing : FileEntryKind.Unknown, Path.GetFullPath(path));
        }

        var mode = *(ushort*)(buffer + ModeOffset);
        var inode = *(ulong*)(buffer + InodeOffset);
        var major = *(uint*)(buffer + DevMajorOffset);
        var minor = *(uint*)(buffer + DevMinorOffset);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileEntryKind.RegularFile,
            0x4000 => FileEntryKind.Directory,
            0x1000 => FileEntryKind.Fifo,
            0x2000 => FileEntryKind.CharacterDevice,
            0x6000 => FileEntryKind.BlockDevice,
            0xC000 => FileEntryKind.Socket,
            _ => FileEntryKind.Unknown,
        };
        return new FileEntryStatus(kind, FormattableString.Invariant($"{major}:{minor}:{inode}"));
    }

    private static FileEntryStatus OfManaged(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (Directory.Exists(full))
            {
                return new FileEntryStatus(FileEntryKind.Directory, new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full);
            }

            return File.Exists(full)
                ? new FileEntryStatus(FileEntryKind.RegularFile, new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full)
                : new FileEntryStatus(FileEntryKind.Missing, full);
        }
        catch (IOException)
        {
            return new FileEntryStatus(FileEntryKind.Unknown, full);
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern unsafe int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);
}
