using FastVlm.DocPipeline.Model.Tokenization;

namespace FastVlm.DocPipeline.Model.Prompting;

/// <summary>
/// Builds FastVLM prompts with the Qwen2 chat template:
/// <c>&lt;|im_start|&gt;system\n{system}&lt;|im_end|&gt;\n&lt;|im_start|&gt;user\n&lt;image&gt;\n{question}&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c>.
/// The ids split after the image token into a prefix shared by every question about an image and a per-question
/// suffix; since added tokens are matched before BPE, no merge can cross that split, so prefix + suffix equals
/// the tokenisation of the whole text. Special-token ids come from the tokenizer. Thread-safe.
/// </summary>
public sealed class ChatPromptBuilder
{
    private const string ImStart = "<|im_start|>";
    private const string ImEnd = "<|im_end|>";

    private readonly QwenTokenizer _tokenizer;
    private readonly int[] _prefix;
    private readonly string _imageToken;

    public ChatPromptBuilder(QwenTokenizer tokenizer, ChatPromptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        options ??= new ChatPromptOptions();
        ArgumentNullException.ThrowIfNull(options.SystemPrompt);
        ArgumentException.ThrowIfNullOrEmpty(options.ImageToken);

        _tokenizer = tokenizer;
        _imageToken = options.ImageToken;
        ImStartTokenId = tokenizer.GetAddedTokenId(ImStart);
        ImEndTokenId = tokenizer.GetAddedTokenId(ImEnd);
        ImageTokenId = tokenizer.GetAddedTokenId(options.ImageToken);
        PrefixText = $"{ImStart}system\n{options.SystemPrompt}{ImEnd}\n{ImStart}user\n{options.ImageToken}";
        _prefix = tokenizer.Encode(PrefixText);
        if (_prefix.Length == 0 || _prefix[^1] != ImageTokenId || Array.IndexOf(_prefix, ImageTokenId) != _prefix.Length - 1)
        {
            throw new PromptException(
                PromptException.InvalidQuestion,
                $"The system prompt must not contain the image token '{options.ImageToken}', and the prompt prefix must end with it.");
        }

        // The split after the image token is only exact when the token does not swallow the white space after it.
        const string Probe = " probe";
        if (!tokenizer.Encode(RenderText(Probe)).AsSpan().SequenceEqual(Build(Probe).TokenIds.ToArray()))
        {
            throw new TokenizerException(
                TokenizerErrorCodes.Unsupported,
                $"The image token '{options.ImageToken}' in '{tokenizer.SourcePath}' strips adjacent white space (rstrip/lstrip), so the prompt cannot be split into a shared prefix and a per-question suffix.");
        }
    }

    /// <summary>Id of the image token (compare with <c>image_token_index</c> of config.json).</summary>
    public int ImageTokenId { get; }

    /// <summary>Id of <c>&lt;|im_start|&gt;</c>.</summary>
    internal int ImStartTokenId { get; }

    /// <summary>Id of <c>&lt;|im_end|&gt;</c> (the Qwen2 end-of-turn token).</summary>
    internal int ImEndTokenId { get; }

    /// <summary>Prompt text up to and including the image token.</summary>
    internal string PrefixText { get; }

    /// <summary>Ids of <see cref="PrefixText"/>: shared by every question about the same image; ends with the image token.</summary>
    public IReadOnlyList<int> PrefixTokenIds => _prefix;

    /// <summary>Position of the image token in every prompt (the last prefix position).</summary>
    public int ImageTokenIndex => _prefix.Length - 1;

    /// <summary>The whole prompt text for a question (what a chat template would render).</summary>
    internal string RenderText(string question) => PrefixText + SuffixText(question);

    /// <summary>The per-question text that follows the image token.</summary>
    internal string SuffixText(string question)
    {
        ValidateQuestion(question);
        return $"\n{question}{ImEnd}\n{ImStart}assistant\n";
    }

    /// <summary>Ids that follow the prefix for this question: <c>\n{question}&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c>.</summary>
    /// <exception cref="PromptException">The question contains the image token.</exception>
    public int[] BuildSuffix(string question)
    {
        int[] suffix = _tokenizer.Encode(SuffixText(question));
        if (Array.IndexOf(suffix, ImageTokenId) >= 0)
        {
            throw new PromptException(
                PromptException.InvalidQuestion,
                $"The question turns into the image token '{_imageToken}' after normalisation; a prompt holds exactly one image.");
        }

        return suffix;
    }

    /// <summary>The full prompt for one image and one question.</summary>
    /// <exception cref="PromptException">The question contains the image token.</exception>
    public ChatPrompt Build(string question)
    {
        int[] suffix = BuildSuffix(question);
        var ids = new int[_prefix.Length + suffix.Length];
        _prefix.CopyTo(ids, 0);
        suffix.CopyTo(ids, _prefix.Length);
        return new ChatPrompt(ids, _prefix.Length);
    }

    private void ValidateQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Contains(_imageToken, StringComparison.Ordinal))
        {
            throw new PromptException(
                PromptException.InvalidQuestion,
                $"The question contains the image token '{_imageToken}'; a prompt holds exactly one image. Remove it from the question.");
        }
    }
}
