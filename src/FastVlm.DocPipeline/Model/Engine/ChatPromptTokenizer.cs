namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>
/// The Qwen2 chat layout FastVLM was trained with, split at the image so the part before it can be shared:
/// prefix <c>&lt;|im_start|&gt;system\nYou are a helpful assistant.&lt;|im_end|&gt;\n&lt;|im_start|&gt;user\n&lt;image&gt;</c>,
/// suffix <c>\n{question}&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c>. Special tokens are split out before
/// BPE, so encoding the two halves gives exactly the ids of the whole prompt.
/// </summary>
internal sealed class ChatPromptTokenizer : IPromptTokenizer
{
    public const string DefaultSystemPrompt = "You are a helpful assistant.";

    private readonly Func<string, int[]> _encode;
    private readonly Func<IReadOnlyList<int>, string> _decode;

    public ChatPromptTokenizer(Func<string, int[]> encode, Func<IReadOnlyList<int>, string> decodeWithoutSpecialTokens, string imageToken, string systemPrompt = DefaultSystemPrompt)
    {
        _encode = encode;
        _decode = decodeWithoutSpecialTokens;
        PrefixIds = encode($"<|im_start|>system\n{systemPrompt}<|im_end|>\n<|im_start|>user\n{imageToken}");
    }

    public IReadOnlyList<int> PrefixIds { get; }

    public int[] EncodeSuffix(string userText) => _encode($"\n{userText}<|im_end|>\n<|im_start|>assistant\n");

    public string Decode(IReadOnlyList<int> ids) => _decode(ids);
}
