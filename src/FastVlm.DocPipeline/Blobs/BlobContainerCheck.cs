using Azure.Storage.Blobs;

namespace FastVlm.DocPipeline.Blobs;

/// <summary>Checks that a container a host reads from exists before it starts (an unreachable account, a bad key or a typo fail here, once, with a clear error).</summary>
public static class BlobContainerCheck
{
    /// <summary>Throws <see cref="BlobStorageException"/>: <see cref="BlobErrorCodes.ContainerNotFound"/> naming <paramref name="role"/>, or what the account answered.</summary>
    public static async Task RequireExistingAsync(BlobContainerClient container, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        bool exists;
        try
        {
            exists = await container.ExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (BlobStorageException.TryTranslate(e, container.Name, null, out var translated))
        {
            throw translated;
        }

        if (!exists)
        {
            throw new BlobStorageException(BlobErrorCodes.ContainerNotFound,
                $"The {role} '{container.Name}' does not exist in storage account '{container.AccountName}': check its name, or create it first (it is not created for you, so that a typo is not watched forever).",
                container.Name, null, 404);
        }
    }
}
