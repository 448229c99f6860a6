using FastVlm.DocPipeline.Rasterization;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Opens each document with its own password from <see cref="PdfPasswords"/>; the workflow never sees a password.</summary>
internal sealed class PasswordRasterizer(IDocumentRasterizer inner, PdfPasswords passwords) : IDocumentRasterizer
{
    public Task<IRasterDocument> OpenAsync(Stream content, string? fileName = null, RasterizationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var password = passwords.For(fileName);
        if (password is null)
        {
            return inner.OpenAsync(content, fileName, options, cancellationToken);
        }

        var withPassword = (options ?? RasterizationOptions.Default).Clone();
        withPassword.Password = password;
        return inner.OpenAsync(content, fileName, withPassword, cancellationToken);
    }
}
