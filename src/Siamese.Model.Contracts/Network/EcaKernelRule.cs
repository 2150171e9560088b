namespace Siamese.Model.Network;

/// <summary>How an ECA block sizes its 1-D kernel from its channel count C: int(|(log C + 1) / 2|), at least 1.</summary>
public enum EcaKernelRule
{
    /// <summary>
    /// log2: kernels 3, 4, 4, 5 at 64/128/256/512 channels. The rule of every checkpoint made before the rule was
    /// recorded (the shipped default model among them), and of the inbatch recipe.
    /// </summary>
    Log2 = 0,

    /// <summary>
    /// The original's natural log: kernels 2, 2, 3, 3 at 64/128/256/512 channels. Its
    /// <c>tf.math.log(tf.cast(C, tf.float32), 2)</c> passes 2 as the op's name, not as a base.
    /// </summary>
    NaturalLog = 1,
}
