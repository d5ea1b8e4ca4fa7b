// One connection's compression (RFC 4978 COMPRESS=DEFLATE): raw DEFLATE
// (RFC 1951, no zlib or gzip wrapper) in each direction, each a single
// stream for the rest of the connection.
//
// SECURITY: output is produced only into the caller's bounded buffer, so a
// small input that inflates hugely (a "zip bomb") is read a buffer at a
// time under the protocol's own line and literal bounds. Bad input is an
// error, never undefined behaviour (zlib checks the stream).
//
// Thread-safety: belongs to one connection, like its Stream.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace kurir::net {

class Deflate {
 public:
  static Result<std::unique_ptr<Deflate>> make();
  ~Deflate();
  Deflate(const Deflate&) = delete;
  Deflate& operator=(const Deflate&) = delete;

  // Compresses data and flushes (Z_SYNC_FLUSH: the peer can read all of it
  // at once), appending to out.
  Status compress(std::string_view data, std::string& out);
  // Takes bytes received from the peer.
  void feed(std::string_view compressed);
  // Inflates what was fed into out, up to size bytes; returns how many.
  Result<std::size_t> decompress(char* out, std::size_t size);
  // Fed bytes not yet inflated, or output held back for lack of room.
  bool pending() const { return in_.avail_in > 0 || output_held_; }

 private:
  Deflate() = default;

  z_stream in_{};   // inflating what the peer sends
  z_stream out_{};  // deflating what we send
  bool in_ready_ = false;
  bool out_ready_ = false;
  std::string input_;  // received bytes; in_.next_in points into it
  bool output_held_ = false;
};

}  // namespace kurir::net
