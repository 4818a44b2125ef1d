# The CNN test data: Debian's Fashion-MNIST test split (dataset-fashion-mnist, installed by
# setup.sh) converted into the dataset blob that `pimsoc run --image` loads into the data ROM.
# Built, not committed: ${CMAKE_BINARY_DIR}/data/fmnist_t10k.bin (layout in docs/cnn.md).
set(PIMSOC_FMNIST_DIR /usr/share/datasets/fashion-mnist CACHE PATH "Fashion-MNIST IDX files (dataset-fashion-mnist)")
find_program(PIMSOC_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(PIMSOC_PYTHON3 NAMES python3)
set(PIMSOC_FMNIST_BLOB ${CMAKE_BINARY_DIR}/data/fmnist_t10k.bin)
set(_fmnist_images ${PIMSOC_FMNIST_DIR}/t10k-images-idx3-ubyte.gz)
set(_fmnist_labels ${PIMSOC_FMNIST_DIR}/t10k-labels-idx1-ubyte.gz)
set(_blob_script ${PROJECT_SOURCE_DIR}/firmware/models/make_dataset_blob.py)

if(PIMSOC_PYTHON3 AND EXISTS ${_fmnist_images} AND EXISTS ${_fmnist_labels})
  add_custom_command(OUTPUT ${PIMSOC_FMNIST_BLOB}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/data
    COMMAND ${PIMSOC_PYTHON3} ${_blob_script} ${PIMSOC_FMNIST_BLOB} --split t10k --dir ${PIMSOC_FMNIST_DIR}
    DEPENDS ${_blob_script} ${PROJECT_SOURCE_DIR}/firmware/models/fmnist_idx.py ${_fmnist_images} ${_fmnist_labels}
    COMMENT "Fashion-MNIST test set -> ${PIMSOC_FMNIST_BLOB}"
    VERBATIM)
  add_custom_target(fmnist_data ALL DEPENDS ${PIMSOC_FMNIST_BLOB})
else()
  # Fail the build (not the configure step) with the remedy, so the rest still builds.
  add_custom_target(fmnist_data ALL
    COMMAND ${CMAKE_COMMAND} -E echo "fmnist_data: ${_fmnist_images} or python3 missing: run ./setup.sh (dataset-fashion-mnist)"
    COMMAND ${CMAKE_COMMAND} -E false
    VERBATIM)
endif()
