namespace FastVlm.DocPipeline.Storage.Files;

/// <summary>What a path names once symbolic links are followed.</summary>
public enum FileEntryKind
{
    Missing,
    RegularFile,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,

    /// <summary>The path exists but could not be examined (permissions, a symbolic link loop, …).</summary>
    Unknown,
}
