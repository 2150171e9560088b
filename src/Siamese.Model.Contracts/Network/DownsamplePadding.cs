namespace Siamese.Model.Network;

/// <summary>How the 3x3 convolutions that downsample (stride 2) pad their input.</summary>
public enum DownsamplePadding
{
    /// <summary>
    /// One pixel on every side. The rule of every checkpoint made before the rule was recorded (the shipped default model
    /// among them), and of the inbatch recipe: the sampling grid is centred like the 1x1 shortcut's.
    /// </summary>
    Symmetric = 0,

    /// <summary>
    /// The original's Keras padding='same': as much as the stride needs, the odd pixel after (on an even input: none
    /// before, one after), so the main path and the 1x1 shortcut sample grids a pixel apart, as in the original.
    /// </summary>
    KerasSame = 1,
}
