using FastVlm.DocPipeline.Model.Prompting;
using FastVlm.DocPipeline.Model.Tokenization;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>The engine's view of <see cref="QwenTokenizer"/> + <see cref="ChatPromptBuilder"/>.</summary>
internal sealed class QwenPromptTokenizer(QwenTokenizer tokenizer, ChatPromptBuilder prompts) : IPromptTokenizer
{
    public IReadOnlyList<int> PrefixIds => prompts.PrefixTokenIds;

    public int[] EncodeSuffix(string userText) => prompts.BuildSuffix(userText);

    public int[] EncodeAnswer(string text) => tokenizer.Encode(text);

    public int EndOfTurnId => prompts.ImEndTokenId;

    public string Decode(IReadOnlyList<int> ids) => tokenizer.Decode(ids, skipSpecialTokens: true);

    public (string Text, TokenTextSpan[] Spans) DecodeWithSpans(IReadOnlyList<int> ids)
    {
        var spans = new TokenTextSpan[ids.Count];
        var text = tokenizer.Decode(ids is int[] array ? array : ids.ToArray(), skipSpecialTokens: true, spans);
        return (text, spans);
    }
}
