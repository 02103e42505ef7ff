using FsCheck;
using FsCheck.Fluent;
using JanTune.Core.Gguf;

namespace JanTune.Core.Tests.Gguf;

public class GgufReaderFuzzTests
{
    [Fact]
    public void Read_RandomMutations_OnlyGgufFormatExceptionOrSuccess()
    {
        // Given a valid file and random (position, value, truncation) mutations of it
        var valid = RawGguf.Valid();
        var mutation = Gen.Choose(0, int.MaxValue).Three().ToArbitrary();

        // When each mutant is read, Then it either parses or fails as GgufFormatException
        var property = Prop.ForAll(mutation, m =>
        {
            var (position, value, length) = m;
            var bytes = (byte[])valid.Clone();
            bytes[position % bytes.Length] = (byte)value;
            return ReadsOrRejects(bytes.AsSpan(0, 1 + (length % bytes.Length)).ToArray());
        });
        Check.QuickThrowOnFailure(property);
    }

    [Fact]
    public void Read_ManySeededMutationsOfTinyModelHeader_OnlyGgufFormatExceptionOrSuccess()
    {
        // Given the header of a real tiny model, corrupted at several random bytes at a time
        var valid = Fixtures.TinyModel.Bytes;
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var k = 0; k < 4; k++)
            {
                bytes[random.Next(0, 64 * 1024)] = (byte)random.Next(256);
            }

            // When read, Then nothing but GgufFormatException escapes
            Assert.True(ReadsOrRejects(bytes));
        }
    }

    private static bool ReadsOrRejects(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            GgufReader.Read(stream);
            return true;
        }
        catch (GgufFormatException)
        {
            return true;
        }
    }
}
