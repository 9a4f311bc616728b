// A test prompt: a 440 Hz tone of the given length as 8 kHz mono Int16 PCM.
export function tone(ms: number, hz = 440): Int16Array {
  const pcm = new Int16Array(Math.round((ms * 8000) / 1000));
  for (let i = 0; i < pcm.length; i += 1) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000));
  return pcm;
}
