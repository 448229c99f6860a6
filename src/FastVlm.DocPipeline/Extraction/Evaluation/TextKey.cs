using System.Text;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// The comparison key of a text: Unicode NFKC, lower case (invariant), trimmed, every run of white space
/// as one space. Two texts are equal for evaluation when their keys are.
/// </summary>
public static class TextKey
{
    public static string Of(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
