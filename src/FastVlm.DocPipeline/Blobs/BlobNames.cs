using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>The naming rule Azure Storage applies to containers and queues: 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
public static partial class BlobNames
{
    public static bool IsValidContainerOrQueueName(string? name) => name is { Length: >= 3 and <= 63 } && NamePattern().IsMatch(name);

    /// <summary>Throws <see cref="BlobConfigurationException"/> naming <paramref name="role"/> (e.g. "incoming container") when the name breaks the rule.</summary>
    public static void Require(string? name, string role)
    {
        if (!IsValidContainerOrQueueName(name))
        {
            throw new BlobConfigurationException(BlobErrorCodes.InvalidName,
                $"'{name}' is not a valid name for the {role}: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$")]
    private static partial Regex NamePattern();
}
