using JanTune.LlamaSharp;

return LlamaSharpHost.Run(args, Console.Out, Console.Error);
