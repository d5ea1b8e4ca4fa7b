#include "net/deflate.hpp"

#include <algorithm>
#include <climits>

namespace kurir::net {

namespace {

// The peer may have compressed with any window up to 32 KiB, so inflating
// takes the largest (about 40 KiB of zlib state); our own side uses a 4 KiB
// window and a small hash table, 32 KiB by zlib's formula (zconf.h) instead
// of its default 256 KiB. Raw DEFLATE: negative window bits.
constexpr int kInflateWindowBits = -15;
constexpr int kDeflateWindowBits = -12;
constexpr int kDeflateMemLevel = 5;

uInt chunk(std::size_t size) {
  return static_cast<uInt>(std::min<std::size_t>(size, UINT_MAX));
}

}  // namespace

Result<std::unique_ptr<Deflate>> Deflate::make() {
  std::unique_ptr<Deflate> d(new Deflate());
  if (inflateInit2(&d->in_, kInflateWindowBits) != Z_OK) return make_error(Errc::internal, "inflateInit2 failed");
  d->in_ready_ = true;
  if (deflateInit2(&d->out_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kDeflateWindowBits, kDeflateMemLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK)
    return make_error(Errc::internal, "deflateInit2 failed");
  d->out_ready_ = true;
  return d;
}

Deflate::~Deflate() {
  if (in_ready_) inflateEnd(&in_);
  if (out_ready_) deflateEnd(&out_);
}

Status Deflate::compress(std::string_view data, std::string& out) {
  out_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  out_.avail_in = chunk(data.size());
  // Z_SYNC_FLUSH with room left over means everything was written out.
  do {
    const std::size_t old = out.size();
    const std::size_t room = deflateBound(&out_, out_.avail_in) + 64;
    out.resize(old + room);
    out_.next_out = reinterpret_cast<Bytef*>(out.data() + old);
    out_.avail_out = chunk(room);
    const int rc = deflate(&out_, Z_SYNC_FLUSH);
    out.resize(old + (room - out_.avail_out));
    if (rc != Z_OK && rc != Z_BUF_ERROR) return make_error(Errc::internal, "deflate failed");
  } while (out_.avail_out == 0 || out_.avail_in > 0);
  return Status{};
}

void Deflate::feed(std::string_view compressed) {
  input_.erase(0, input_.size() - in_.avail_in);  // drop what was inflated
  input_.append(compressed);
  in_.next_in = reinterpret_cast<Bytef*>(input_.data());
  in_.avail_in = chunk(input_.size());
}

Result<std::size_t> Deflate::decompress(char* out, std::size_t size) {
  in_.next_out = reinterpret_cast<Bytef*>(out);
  in_.avail_out = chunk(size);
  const int rc = inflate(&in_, Z_SYNC_FLUSH);
  if (rc != Z_OK && rc != Z_BUF_ERROR) {
    output_held_ = false;
    in_.avail_in = 0;
    return make_error(Errc::invalid_argument, rc == Z_STREAM_END ? "the compressed stream ended" : "bad DEFLATE data");
  }
  const std::size_t produced = size - in_.avail_out;
  output_held_ = in_.avail_out == 0;  // zlib may hold more than fitted
  if (in_.avail_in == 0 && input_.capacity() > 4096) std::string().swap(input_);
  return produced;
}

}  // namespace kurir::net
