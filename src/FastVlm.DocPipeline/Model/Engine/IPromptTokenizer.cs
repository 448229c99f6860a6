namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>What the engine needs from the tokenizer and chat template: prompt ids split around the image, and decoding.</summary>
internal interface IPromptTokenizer
{
    /// <summary>
    /// Ids of the prompt part shared by every question: system turn, user header and the single image token
    /// (the image token is where the encoder's rows go).
    /// </summary>
    IReadOnlyList<int> PrefixIds { get; }

    /// <summary>Ids of what follows the image for <paramref name="userText"/>: the rest of the user turn and the assistant header.</summary>
    int[] EncodeSuffix(string userText);

    /// <summary>Ids of answer text as the model would generate it (no special tokens).</summary>
    int[] EncodeAnswer(string text);

    /// <summary>The token that ends an assistant turn (the chat template's end of turn).</summary>
    int EndOfTurnId { get; }

    /// <summary>Decodes generated ids to text without special tokens.</summary>
    string Decode(IReadOnlyList<int> ids);

    /// <summary>Decodes generated ids to text without special tokens, with where each id's text lies in it.</summary>
    (string Text, TokenTextSpan[] Spans) DecodeWithSpans(IReadOnlyList<int> ids);
}
