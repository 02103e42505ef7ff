using System.Runtime.InteropServices;

namespace JanTune.Native.Interop;

/// <summary>
/// llama.h of node-llama-cpp 3.22.1 (llama.cpp release v0.5.0). Every bool crosses as a single byte, and no
/// function that returns a library-owned const char* is declared as returning string (the marshaller would free it).
/// </summary>
internal static unsafe partial class Llama
{
    [LibraryImport(Libraries.Llama, EntryPoint = "llama_backend_init")]
    public static partial void BackendInit();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_log_set")]
    public static partial void LogSet(delegate* unmanaged<GgmlLogLevel, byte*, void*, void> callback, void* userData);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_print_system_info")]
    public static partial byte* PrintSystemInfo();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_supports_gpu_offload")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool SupportsGpuOffload();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_supports_mmap")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool SupportsMmap();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_max_devices")]
    public static partial nuint MaxDevices();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_max_parallel_sequences")]
    public static partial nuint MaxParallelSequences();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_time_us")]
    public static partial long TimeUs();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_default_params")]
    public static partial LlamaModelParams ModelDefaultParams();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_context_default_params")]
    public static partial LlamaContextParams ContextDefaultParams();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_chain_default_params")]
    public static partial LlamaSamplerChainParams SamplerChainDefaultParams();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_quantize_default_params")]
    public static partial LlamaModelQuantizeParams ModelQuantizeDefaultParams();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_load_from_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ModelLoadFromFile(string path, LlamaModelParams parameters);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_free")]
    public static partial void ModelFree(IntPtr model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_init_from_model")]
    public static partial IntPtr InitFromModel(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_free")]
    public static partial void Free(IntPtr context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_quantize", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint ModelQuantize(string input, string output, in LlamaModelQuantizeParams parameters);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_get_vocab")]
    public static partial IntPtr ModelGetVocab(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_ctx_train")]
    public static partial int ModelNCtxTrain(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_embd")]
    public static partial int ModelNEmbd(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_layer")]
    public static partial int ModelNLayer(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_head")]
    public static partial int ModelNHead(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_head_kv")]
    public static partial int ModelNHeadKv(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_size")]
    public static partial ulong ModelSize(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_n_params")]
    public static partial ulong ModelNParams(SafeLlamaModelHandle model);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_desc")]
    public static partial int ModelDesc(SafeLlamaModelHandle model, byte* buffer, nuint size);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_chat_template")]
    public static partial byte* ModelChatTemplate(SafeLlamaModelHandle model, byte* name);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_model_meta_val_str", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ModelMetaValStr(SafeLlamaModelHandle model, string key, byte* buffer, nuint size);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_n_tokens")]
    public static partial int VocabNTokens(IntPtr vocab);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_bos")]
    public static partial int VocabBos(IntPtr vocab);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_eos")]
    public static partial int VocabEos(IntPtr vocab);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_is_eog")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool VocabIsEog(IntPtr vocab, int token);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_get_add_bos")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool VocabGetAddBos(IntPtr vocab);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_tokenize")]
    public static partial int Tokenize(
        IntPtr vocab, byte* text, int textLength, int* tokens, int maxTokens,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_token_to_piece")]
    public static partial int TokenToPiece(IntPtr vocab, int token, byte* buffer, int length, int lstrip, [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_detokenize")]
    public static partial int Detokenize(
        IntPtr vocab, int* tokens, int count, byte* text, int maxLength,
        [MarshalAs(UnmanagedType.U1)] bool removeSpecial, [MarshalAs(UnmanagedType.U1)] bool unparseSpecial);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_chat_apply_template")]
    public static partial int ChatApplyTemplate(byte* template, LlamaChatMessage* messages, nuint count, [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buffer, int length);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_ctx")]
    public static partial uint NCtx(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_batch")]
    public static partial uint NBatch(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_ubatch")]
    public static partial uint NUbatch(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_seq_max")]
    public static partial uint NSeqMax(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_get_memory")]
    public static partial IntPtr GetMemory(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_memory_clear")]
    public static partial void MemoryClear(IntPtr memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_memory_seq_rm")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool MemorySeqRm(IntPtr memory, int seqId, int p0, int p1);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_memory_seq_pos_max")]
    public static partial int MemorySeqPosMax(IntPtr memory, int seqId);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_batch_get_one")]
    public static partial LlamaBatch BatchGetOne(int* tokens, int count);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_batch_init")]
    public static partial LlamaBatch BatchInit(int tokens, int embd, int seqMax);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_batch_free")]
    public static partial void BatchFree(LlamaBatch batch);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_decode")]
    public static partial int Decode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_set_n_threads")]
    public static partial void SetNThreads(SafeLlamaContextHandle context, int threads, int threadsBatch);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_attach_threadpool")]
    public static partial void AttachThreadpool(SafeLlamaContextHandle context, IntPtr threadpool, IntPtr threadpoolBatch);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_detach_threadpool")]
    public static partial void DetachThreadpool(IntPtr context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_threads")]
    public static partial int NThreads(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_n_threads_batch")]
    public static partial int NThreadsBatch(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_set_abort_callback")]
    public static partial void SetAbortCallback(SafeLlamaContextHandle context, delegate* unmanaged<void*, byte> callback, void* data);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_synchronize")]
    public static partial void Synchronize(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_get_logits_ith")]
    public static partial float* GetLogitsIth(SafeLlamaContextHandle context, int index);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_perf_context")]
    public static partial LlamaPerfContextData PerfContext(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_perf_context_reset")]
    public static partial void PerfContextReset(SafeLlamaContextHandle context);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_chain_init")]
    public static partial IntPtr SamplerChainInit(LlamaSamplerChainParams parameters);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_chain_add")]
    public static partial void SamplerChainAdd(SafeLlamaSamplerHandle chain, IntPtr sampler);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_chain_n")]
    public static partial int SamplerChainN(SafeLlamaSamplerHandle chain);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_free")]
    public static partial void SamplerFree(IntPtr sampler);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_sample")]
    public static partial int SamplerSample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int index);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_accept")]
    public static partial void SamplerAccept(SafeLlamaSamplerHandle sampler, int token);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_reset")]
    public static partial void SamplerReset(SafeLlamaSamplerHandle sampler);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_greedy")]
    public static partial IntPtr SamplerInitGreedy();

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_dist")]
    public static partial IntPtr SamplerInitDist(uint seed);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_top_k")]
    public static partial IntPtr SamplerInitTopK(int k);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_top_p")]
    public static partial IntPtr SamplerInitTopP(float p, nuint minKeep);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_min_p")]
    public static partial IntPtr SamplerInitMinP(float p, nuint minKeep);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_temp")]
    public static partial IntPtr SamplerInitTemp(float temperature);

    [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_penalties")]
    public static partial IntPtr SamplerInitPenalties(int lastN, float repeat, float frequency, float presence);
}
